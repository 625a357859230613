using System.Globalization;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>
/// Runs a <see cref="SearchPlan"/>: dispatches its trials with at most <see cref="SearchPlan.MaxConcurrentTrials"/>
/// running, promotes between halving rungs, stops at the wall-time budget and picks the winner. Deterministic for a
/// given plan and trial outcomes, so a Durable orchestrator can run it (with activities as trials and the
/// orchestration clock) and so can a plain process (benchmarks).
/// </summary>
/// <remarks>
/// The window is ordered: trial i starts once trial i - bound has finished. That keeps the bound, and makes what
/// each trial is told (the early-stopping threshold, computed from trials 0..i - bound) independent of which trial
/// happened to finish first, so the same plan stops the same trials however the work was scheduled.
/// </remarks>
/// <param name="plan">What to run.</param>
/// <param name="runTrial">Runs one trial; a failure comes back as a <see cref="TrialStatus.Failed"/> result, not an exception.</param>
/// <param name="clock">The current UTC time; an orchestrator passes its replay-safe clock.</param>
/// <param name="progress">Told after every finished trial.</param>
public sealed class TrialSearch(SearchPlan plan, Func<TrialRequest, Task<TrialResult>> runTrial, Func<DateTime> clock, Action<SearchProgress>? progress = null)
{
    private readonly List<TrialResult> trials = [];
    private DateTime deadline;
    private string? stopReason;

    public async Task<SearchOutcome> RunAsync()
    {
        ArgumentNullException.ThrowIfNull(plan);
        deadline = clock().AddSeconds(plan.MaxSearchSeconds);
        Report();

        if (plan.Strategy == SearchStrategy.Tpe)
        {
            var proposer = new ParzenProposer(TrainerChoice.Resolve(plan.Task, plan.Trainers), plan.Settings.Metric, plan.Settings.Seed);
            var dispatched = new List<TrialConfiguration>();
            await RunRungAsync(0, plan.Rungs[0].Trials, i => Dispatch(dispatched, i < plan.Configurations.Count ? plan.Configurations[i] : proposer.Propose(trials, dispatched, i)), 1, last: true);
        }
        else
        {
            IReadOnlyList<TrialConfiguration> field = [.. plan.Configurations.Take(plan.Rungs[0].Trials)];
            for (var rung = 0; rung < plan.Rungs.Count && stopReason is null && field.Count > 0; rung++)
            {
                var last = rung == plan.Rungs.Count - 1;
                var promoted = last ? 1 : plan.Rungs[rung + 1].Trials;
                var current = field;
                var results = await RunRungAsync(rung, current.Count, i => current[i], promoted, last);
                field = last ? [] : SuccessiveHalving.Promote(results, promoted, plan.Settings.Metric);
            }
        }

        var winner = TrialSelection.Choose(trials, plan.Settings.Metric);
        return new SearchOutcome(trials, winner, stopReason ?? string.Create(CultureInfo.InvariantCulture, $"The plan ran: {trials.Count} of {plan.PlannedTrials} trials."));
    }

    private static TrialConfiguration Dispatch(List<TrialConfiguration> dispatched, TrialConfiguration configuration)
    {
        dispatched.Add(configuration);
        return configuration;
    }

    /// <summary>
    /// Runs <paramref name="count"/> trials of one rung. <paramref name="configurationAt"/> is asked for trial i's
    /// configuration when it is dispatched, once trials 0..i - bound have finished (in that order), so a proposal made
    /// from the finished trials sees the same ones however the work was scheduled.
    /// </summary>
    private async Task<List<TrialResult>> RunRungAsync(int rung, int count, Func<int, TrialConfiguration> configurationAt, int promoted, bool last)
    {
        var bound = plan.MaxConcurrentTrials;
        var running = new List<Task<TrialResult>>();
        var results = new List<TrialResult>();
        for (var i = 0; i < count; i++)
        {
            if (i >= bound)
            {
                Finish(results, await running[i - bound]);
            }

            if (trials.Count + running.Count - results.Count >= plan.PlannedTrials)
            {
                stopReason = string.Create(CultureInfo.InvariantCulture, $"The trial budget ran out after {plan.PlannedTrials} trials.");
                break;
            }

            if (clock() >= deadline)
            {
                stopReason = string.Create(CultureInfo.InvariantCulture, $"The {plan.MaxSearchSeconds}-second budget ran out after {trials.Count + running.Count - results.Count} of {plan.PlannedTrials} trials.");
                break;
            }

            var index = trials.Count + running.Count - results.Count;
            var configuration = configurationAt(i);
            var request = new TrialRequest(index, rung, configuration, plan.Rungs[rung].Budget, StopThreshold(results, promoted, last, configuration.Trainer));
            running.Add(runTrial(request));
        }

        for (var j = results.Count; j < running.Count; j++)
        {
            Finish(results, await running[j]);
        }

        return results;
    }

    private void Finish(List<TrialResult> results, TrialResult result)
    {
        results.Add(result);
        trials.Add(result);
        Report();
    }

    /// <summary>
    /// A trial is hopeless once it cannot reach the <paramref name="promoted"/>-th best of the finished trials of its
    /// rung: it could not be promoted, nor (on the last rung, tolerance included) win or tie. Before the last rung a
    /// trainer's best is promoted on its own merit (<see cref="SuccessiveHalving.Promote"/>), so a trial must also
    /// fall behind its own trainer's best finished trial. Finished trials are a subset of the rung, so this never
    /// stops a trial that the whole rung would have kept.
    /// </summary>
    private double? StopThreshold(List<TrialResult> finished, int promoted, bool last, string trainer)
    {
        var metric = plan.Settings.Metric;
        var ranked = TrialRanking.BestFirst(finished, metric).ToList();
        if (ranked.Count < promoted)
        {
            return null;
        }

        var cut = ranked[promoted - 1].Metrics[metric];
        if (last)
        {
            return TrialRanking.BeyondTie(cut, metric);
        }

        var trainerBest = ranked.FirstOrDefault(t => string.Equals(t.Configuration.Trainer, trainer, StringComparison.Ordinal));
        if (trainerBest is null)
        {
            return null;
        }

        var own = trainerBest.Metrics[metric];
        return TrialRanking.IsWorse(own, cut, metric) ? own : cut;
    }

    private void Report() => progress?.Invoke(new SearchProgress(
        trials.Count,
        plan.PlannedTrials,
        trials.Count(t => t.Status == TrialStatus.Failed),
        trials.Count(t => t.Status == TrialStatus.StoppedEarly),
        plan.Settings.Metric,
        TrialSelection.Choose(trials, plan.Settings.Metric),
        trials.Sum(t => t.DurationSeconds)));
}
