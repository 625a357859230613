using System.Diagnostics;
using Microsoft.Extensions.Options;
using Mlops.Core.Training;
using Mlops.Core.Training.Ensembles;
using Mlops.Core.Training.Search;

namespace Mlops.TrainingPeer;

/// <summary>
/// The product's search on one dataset, in this process: the same planner, trial runner, search loop and selection
/// the orchestration uses, with trials on the thread pool instead of activities. The run's holdout is switched off so
/// the search's folds are folds over every row, the ones written for the peer.
/// </summary>
internal sealed class PeerRun(TrainingOptions options)
{
    public async Task<PeerResult> RunAsync(PeerDataset dataset)
    {
        var planner = new SearchPlanner(Options.Create(options));
        var plan = planner.Plan(dataset.Typed, metric: null, mitigations: []);
        var runner = new TrialRunner(TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var search = new TrialSearch(
            plan,
            trial => Task.Run(() => RunTrial(runner, dataset, plan.Settings, trial)),
            () => DateTime.UtcNow,
            progress => Console.Error.Write($"\r{dataset.Name}: {progress.TrialsDone}/{progress.TrialsPlanned} trials"));
        var outcome = await search.RunAsync();
        Console.Error.WriteLine();
        var searchSeconds = clock.Elapsed.TotalSeconds;

        // What the train stage does next: the winner stacked with the other trainers' best, kept only when it wins.
        EnsembleDecision? ensemble = null;
        if (options.Ensemble && outcome.Winner is { } winner)
        {
            var partners = EnsembleCandidates.Partners(outcome.Trials, winner, plan.Settings.Metric);
            ensemble = EnsembleTrainer.Judge(dataset.Typed, plan.Settings, winner, partners, plan.MaxConcurrentTrials);
            Console.Error.WriteLine($"{dataset.Name}: {ensemble.Reason}");
        }

        return PeerResult.Of(dataset, plan, outcome, searchSeconds, ensemble, clock.Elapsed.TotalSeconds);
    }

    private static TrialResult RunTrial(TrialRunner runner, PeerDataset dataset, TrialSettings settings, TrialRequest trial)
    {
        try
        {
            return runner.Run(dataset.Typed, settings, trial);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As the RunTrial activity does: a configuration that cannot be fitted is a failed trial, not a failed search.
            return TrialResult.Failed(trial, e.Message);
        }
    }
}
