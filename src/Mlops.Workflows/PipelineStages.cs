using System.Globalization;
using Microsoft.DurableTask;
using Mlops.Core.Evaluation;
using Mlops.Core.Training.Search;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows;

/// <summary>
/// Keeps the run's stage list and publishes it as the orchestration's custom status, so a client sees which stage
/// is running. Times come from the orchestration clock, so replays publish the same values.
/// </summary>
internal sealed class PipelineStages
{
    public const string Validate = "validate";
    public const string Quarantine = "quarantine";
    public const string Train = "train";
    public const string Evaluate = "evaluate";
    public const string Register = "register";
    public const string Promote = "promote";

    private static readonly string[] Planned = [Validate, Train, Evaluate, Register, Promote];

    private readonly TaskOrchestrationContext context;
    private readonly List<StageProgress> stages;
    private SearchStatus? search;

    public PipelineStages(TaskOrchestrationContext context)
    {
        this.context = context;
        stages = [.. Planned.Select(name => new StageProgress(name, StageStatus.Pending, null, null, null))];
        Publish();
    }

    /// <summary>The stage that is running, if any: the one a failure belongs to.</summary>
    public string? Current => stages.FirstOrDefault(s => s.Status == StageStatus.Running)?.Name;

    public async Task<T> RunAsync<T>(string name, Func<Task<T>> work, Func<T, string> describe)
    {
        Start(name);
        var result = await work();
        Complete(name, describe(result));
        return result;
    }

    public void Start(string name) => Set(name, s => s with { Status = StageStatus.Running, StartedAt = context.CurrentUtcDateTime });

    public void Complete(string name, string detail) =>
        Set(name, s => s with { Status = StageStatus.Completed, EndedAt = context.CurrentUtcDateTime, Detail = detail });

    /// <summary>Publishes the search's progress, and says it in the running stage's detail.</summary>
    public void ReportSearch(SearchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var best = progress.Best;
        search = new SearchStatus(
            progress.TrialsDone,
            progress.TrialsPlanned,
            progress.TrialsFailed,
            progress.TrialsStoppedEarly,
            progress.Metric,
            best?.Configuration.Trainer,
            best?.Metrics[progress.Metric],
            best?.Index)
        {
            TrialSeconds = progress.TrialSeconds,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"Searching: {progress.TrialsDone} of {progress.TrialsPlanned} trials done");
        if (best is not null)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $"; best so far {best.Configuration.Trainer} (trial {best.Index}) with {PrimaryMetric.DisplayName(progress.Metric)} {best.Metrics[progress.Metric]:0.####}");
        }

        if (Current is { } running)
        {
            Set(running, s => s with { Detail = detail + "." });
        }
        else
        {
            Publish();
        }
    }

    public void FailCurrent(string detail)
    {
        if (Current is { } name)
        {
            Set(name, s => s with { Status = StageStatus.Failed, EndedAt = context.CurrentUtcDateTime, Detail = detail });
        }
    }

    /// <summary>Marks every stage that has not started as skipped: the run ended before them.</summary>
    public void SkipRemaining()
    {
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].Status == StageStatus.Pending)
            {
                stages[i] = stages[i] with { Status = StageStatus.Skipped };
            }
        }

        Publish();
    }

    private void Set(string name, Func<StageProgress, StageProgress> change)
    {
        var index = stages.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            // A stage off the happy path (quarantine) goes right after the last one that ran.
            index = stages.FindLastIndex(s => s.Status != StageStatus.Pending) + 1;
            stages.Insert(index, new StageProgress(name, StageStatus.Pending, null, null, null));
        }

        stages[index] = change(stages[index]);
        Publish();
    }

    private void Publish() => context.SetCustomStatus(new RunProgress([.. stages]) { Search = search });
}
