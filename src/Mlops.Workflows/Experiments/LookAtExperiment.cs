using Microsoft.DurableTask;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;

namespace Mlops.Workflows.Experiments;

/// <summary>
/// One look: tallies the experiment's labelled outcomes and predictions per variant, runs the sequential test and the
/// guardrails, records the look and applies the decision (promotion, rollback, Inconclusive, or a wait for approval).
/// </summary>
public sealed class LookAtExperiment(
    IExperimentStore experiments,
    IExperimentOutcomes outcomes,
    IPredictionLog predictions,
    IShadowPredictionLog shadows,
    ExperimentChanges changes,
    TimeProvider clock)
    : TaskActivity<ExperimentRef, ExperimentStep>
{
    public override async Task<ExperimentStep> RunAsync(TaskActivityContext context, ExperimentRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await experiments.GetAsync(input.Model, input.Id, CancellationToken.None) is not { } stored)
            {
                return new ExperimentStep(true, 0, "missing");
            }

            var experiment = stored.Experiment;
            var wait = experiment.Settings.LookIntervalSeconds;
            if (!ExperimentStatuses.IsOpen(experiment.Status))
            {
                return new ExperimentStep(true, 0, experiment.Status);
            }

            var (champion, challenger) = await outcomes.TallyAsync(experiment.Id, CancellationToken.None);
            var serving = await predictions.ServingAsync(experiment.Model, experiment.Id, CancellationToken.None);
            if (experiment.Strategy == PromotionStrategies.Shadow)
            {
                // The champion answered every request; the challenger's own predictions are in the shadow log.
                serving = serving with { Challenger = await shadows.ServingAsync(experiment.Model, experiment.Id, CancellationToken.None) };
            }

            var verdict = ExperimentJudge.Judge(experiment, champion, challenger, serving, clock.GetUtcNow());

            // Awaiting approval, the experiment keeps serving and recording looks; only approve or stop end it.
            if (verdict.Outcome is null || (verdict.Outcome == ExperimentStatuses.AwaitingApproval && experiment.Status == ExperimentStatuses.AwaitingApproval))
            {
                var looked = experiment with { Looks = [.. experiment.Looks, verdict.Look] };
                if (await experiments.TryReplaceAsync(looked, stored.ETag, CancellationToken.None))
                {
                    return new ExperimentStep(false, wait, experiment.Status);
                }

                continue;
            }

            if (verdict.Outcome == ExperimentStatuses.AwaitingApproval)
            {
                var waiting = experiment with
                {
                    Status = ExperimentStatuses.AwaitingApproval,
                    Looks = [.. experiment.Looks, verdict.Look],
                    Decision = new ExperimentDecision(ExperimentStatuses.AwaitingApproval, clock.GetUtcNow(), verdict.Reason),
                };
                if (await experiments.TryReplaceAsync(waiting, stored.ETag, CancellationToken.None))
                {
                    return new ExperimentStep(false, wait, waiting.Status);
                }

                continue;
            }

            if (await changes.ConcludeAsync(stored, verdict.Outcome, verdict.Reason, verdict.Look, CancellationToken.None))
            {
                return new ExperimentStep(true, 0, verdict.Outcome);
            }
        }

        // Someone else kept changing it (approve, stop): look again at the next interval.
        return new ExperimentStep(false, 60, "contended");
    }
}
