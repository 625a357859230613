using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mlops.Core.Evaluation;
using Mlops.Core.Experiments;
using Mlops.Core.Export;
using Mlops.Core.Registry;
using Mlops.Core.Training.Ensembles;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Mlops.Workflows.Experiments;

namespace Mlops.Workflows;

/// <summary>
/// The product's story for one uploaded dataset: validate, train (search hyperparameters with trials fanned out as
/// activities, then refit the winner), evaluate against the champion, register, promote. Data and models travel as
/// blob references; this class only decides what happens next.
/// </summary>
public sealed class TrainingPipeline : TaskOrchestrator<RunRequest, RunResult>
{
    private static readonly TaskOptions Retry = Retries.Activities;

    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var result = await RunStagesAsync(context, input);
        RunOutcomeMetrics.Record(context, input, result);
        return result;
    }

    private static async Task<RunResult> RunStagesAsync(TaskOrchestrationContext context, RunRequest input)
    {
        var log = context.CreateReplaySafeLogger<TrainingPipeline>();
        var runId = context.InstanceId;
        var model = input.Dataset.Model;
        var stages = new PipelineStages(context);
        WorkflowLog.RunStarted(log, runId, model, input.Dataset.BlobName);
        if (!PipelineVersions.IsSupported(input.PipelineVersion))
        {
            var unsupported = PipelineVersions.Unsupported(input.PipelineVersion);
            WorkflowLog.RunFailed(log, runId, "pipeline", unsupported);
            return RunResult.Failed(unsupported);
        }

        var contractByReference = input.PipelineVersion >= PipelineVersions.Gated;

        try
        {
            var report = await stages.RunAsync(
                PipelineStages.Validate,
                () => context.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), input, Retry),
                r => r.Passed ? $"{r.Rows} rows, {r.Schema!.Features.Count} features, label '{r.Schema.Label}', {r.Schema.Task}." : r.Summary);

            if (!report.Passed)
            {
                await stages.RunAsync(
                    PipelineStages.Quarantine,
                    () => context.CallActivityAsync<bool>(nameof(QuarantineDataset), new QuarantineInput(input.Dataset, report), Retry),
                    _ => $"Moved to quarantine/{input.Dataset.BlobName} with its validation report.");
                stages.SkipRemaining();
                WorkflowLog.RunQuarantined(log, runId, report.Summary);
                return RunResult.Quarantined($"The dataset was quarantined: {report.Summary}");
            }

            var schema = report.Schema!;
            stages.Start(PipelineStages.Train);
            var mitigations = report.Mitigations.Select(m => m.Kind).ToList();

            // From version 4 a model with a champion starts its search from the champion's configuration and its search's best.
            var warmStart = input.PipelineVersion >= PipelineVersions.WarmStarts
                ? await context.CallActivityAsync<WarmStart?>(nameof(LoadWarmStart), new LoadWarmStartInput(runId, model), Retry)
                : null;
            var (plan, search, record) = await new ModelSearch(context, stages, log).RunAsync(input.Dataset, schema, report.PrimaryMetric ?? report.Contract?.PrimaryMetric, mitigations, warmStart, Retry);
            if (search.Winner is not { } winner)
            {
                var reason = $"No trial of the search completed ({search.Trials.Count} ran; see {record}). {FirstError(search)}";
                stages.FailCurrent(reason);
                stages.SkipRemaining();
                WorkflowLog.RunFailed(log, runId, PipelineStages.Train, reason);
                return RunResult.Failed($"The train stage failed: {reason}");
            }

            var selection = new SearchSelection(winner, plan.Settings, search.Trials.Count, record)
            {
                Partners = EnsembleCandidates.Partners(search.Trials, winner, plan.Settings.Metric),
                Parallelism = plan.MaxConcurrentTrials,
            };
            var training = await context.CallActivityAsync<TrainingSummary>(nameof(TrainModel), new TrainModelInput(runId, input.Dataset, schema, selection), Retry);
            stages.Complete(PipelineStages.Train, Describe(training, selection, search, plan));

            var evaluation = await stages.RunAsync(
                PipelineStages.Evaluate,
                () => context.CallActivityAsync<EvaluationSummary>(nameof(EvaluateModel), new EvaluateModelInput(runId, input.Dataset, schema, training) { PipelineVersion = input.PipelineVersion }, Retry),
                e => e.Reason);

            var registration = new RegisterModelInput(runId, input.Dataset, schema, training, evaluation, report.Contract)
            {
                ValidationPath = contractByReference ? ArtifactPaths.Validation(model, runId) : null,
            };
            var (version, onnx) = await stages.RunAsync(
                PipelineStages.Register,
                () => RegisterAsync(context, input, registration),
                r => string.Create(CultureInfo.InvariantCulture, $"Registered as version {r.Version}.{DescribeOnnx(r.Onnx)}"));

            // From version 3, a passing version under the ab or shadow strategy is tried on live traffic first; a first
            // model has no champion to try it against, so it is promoted on its gates alone.
            var experiment = input.PipelineVersion >= PipelineVersions.Experiments && evaluation.ShouldPromote
                && evaluation.ChampionVersion is not null && evaluation.ChampionMetrics is not null
                && evaluation.Promotion is { Strategy: not PromotionStrategies.Holdout } settings
                ? new BeginExperimentInput(runId, model, version, settings)
                : null;
            var promotion = await stages.RunAsync(
                PipelineStages.Promote,
                () => experiment is not null
                    ? context.CallActivityAsync<PromotionOutcome>(nameof(BeginExperiment), experiment, Retry)
                    : context.CallActivityAsync<PromotionOutcome>(
                        nameof(PromoteModel),
                        new PromoteModelInput(model, version, evaluation.ChampionVersion, evaluation.ShouldPromote, evaluation.Reason) { Gates = evaluation.Gates, RunId = runId },
                        Retry),
                p => p.Reason);

            WorkflowLog.RunCompleted(log, runId, version, promotion.Promoted);
            return new RunResult(RunStatus.Completed, version, promotion.Promoted, promotion.Reason) { Gates = evaluation.Gates, ExperimentId = promotion.ExperimentId };
        }
        catch (TaskFailedException failure)
        {
            var stage = stages.Current ?? "pipeline";
            var message = failure.FailureDetails.ErrorMessage;
            stages.FailCurrent(message);
            stages.SkipRemaining();
            WorkflowLog.RunFailed(log, runId, stage, message);
            return RunResult.Failed($"The {stage} stage failed: {message}");
        }
    }

    /// <summary>
    /// From version 5 the candidate is exported to ONNX first. An export that fails outright (its activity out of
    /// retries) is a reason in the manifest, not a failed run: the version serves from model.zip all the same.
    /// </summary>
    private static async Task<(int Version, OnnxExport? Onnx)> RegisterAsync(TaskOrchestrationContext context, RunRequest input, RegisterModelInput registration)
    {
        OnnxExport? onnx = null;
        if (input.PipelineVersion >= PipelineVersions.Portable)
        {
            try
            {
                onnx = await context.CallActivityAsync<OnnxExport>(
                    nameof(ExportModel),
                    new ExportModelInput(registration.RunId, registration.Dataset, registration.Schema, registration.Training.CandidatePath),
                    Retry);
            }
            catch (TaskFailedException failure)
            {
                onnx = OnnxExport.Unavailable($"The ONNX export failed: {failure.FailureDetails.ErrorMessage}");
            }
        }

        var version = await context.CallActivityAsync<int>(nameof(RegisterModel), registration with { Onnx = onnx }, Retry);
        return (version, onnx);
    }

    private static string DescribeOnnx(OnnxExport? onnx) => onnx switch
    {
        null => string.Empty,
        { IsAvailable: true } => " Exported to ONNX and checked against ML.NET on the holdout.",
        _ => $" No ONNX export: {onnx.Reason}",
    };

    private static string Describe(TrainingSummary training, SearchSelection selection, SearchOutcome search, SearchPlan plan)
    {
        var metric = selection.Settings.Metric;
        var validation = selection.Settings.ValidationFolds > 1 ? $"{selection.Settings.Folds}-fold" : "holdout";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{training.Trainer} (trial {selection.Winner.Index} of {search.Trials.Count}, {validation} {PrimaryMetric.DisplayName(metric)} {selection.Winner.Metrics[metric]:0.####}{Sampled(selection.Winner)}) refitted on {training.TrainingRows} rows; holdout {Describe(training.Metrics)}. {search.StopReason}{LeftOut(plan)}{Warmed(plan.WarmStart)}{Ensemble(training)}");
    }

    private static string LeftOut(SearchPlan plan) => plan.TrainersLeftOut is { } leftOut ? " " + leftOut : string.Empty;

    /// <summary>Says what the search started from when it did not start cold, so a run shows what it inherited.</summary>
    private static string Warmed(WarmStart? warmStart) => warmStart is null ? string.Empty : $" The search was {warmStart.Describe()}.";

    private static string Ensemble(TrainingSummary training) => training.Ensemble is { } ensemble ? " " + ensemble.Reason : string.Empty;

    /// <summary>Says when the winning trial fitted on a sample (Training__SearchMaxRows), since its refit did not.</summary>
    private static string Sampled(TrialResult winner) =>
        winner.Budget < 1
            ? string.Create(CultureInfo.InvariantCulture, $", fitted on a stratified {winner.Budget:0.##%} of each fold's training rows")
            : string.Empty;

    private static string FirstError(SearchOutcome search) =>
        search.Trials.FirstOrDefault(t => t.Error is not null)?.Error is { } error ? $"First error: {error}" : "Every trial was stopped early.";

    private static string Describe(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(", ", metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.####}")));
}
