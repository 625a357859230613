using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Mlops.Core.Datasets;
using Mlops.Core.Runs;
using Mlops.Functions.Http;
using Mlops.Workflows.Contracts;

namespace Mlops.Functions.Tests.Http;

/// <summary>A run as GET /api/runs/{runId} tells it, read from the orchestration's own state.</summary>
public sealed class RunViewsTests
{
    private static readonly DataConverter Converter = JsonDataConverter.Default;
    private static readonly RunRequest Request = new(new DatasetRef("iris", "iris/a.csv", new string('b', 64), "\"e\""));

    [Fact]
    public void From_ACompletedOrchestration_ReportsTheRunsOwnOutcome()
    {
        var metadata = Metadata(OrchestrationRuntimeStatus.Completed, output: new RunResult(RunStatus.Completed, 3, true, "Challenger wins."));

        var view = RunViews.From("iris", metadata);

        Assert.Equal("Completed", view.Status);
        Assert.Equal(3, view.Version);
        Assert.True(view.Promoted);
        Assert.Equal("Challenger wins.", view.Reason);
        Assert.Equal("iris/a.csv", view.Dataset);
    }

    [Fact]
    public void From_AQuarantinedRun_IsQuarantinedNotCompleted()
    {
        var metadata = Metadata(OrchestrationRuntimeStatus.Completed, output: RunResult.Quarantined("The dataset was quarantined: the file is empty."));

        var view = RunViews.From("iris", metadata);

        Assert.Equal("Quarantined", view.Status);
        Assert.Null(view.Version);
        Assert.Contains("empty", view.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ARunningOrchestration_ShowsItsStagesFromTheCustomStatus()
    {
        var started = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
        var progress = new RunProgress([
            new StageProgress("validate", StageStatus.Completed, started, started.AddSeconds(1), "150 rows."),
            new StageProgress("train", StageStatus.Running, started.AddSeconds(1), null, null),
        ]);

        var view = RunViews.From("iris", Metadata(OrchestrationRuntimeStatus.Running, customStatus: progress));

        Assert.Equal("Running", view.Status);
        Assert.Equal(["validate:Completed", "train:Running"], view.Stages.Select(s => $"{s.Name}:{s.Status}"));
        Assert.Equal(new DateTimeOffset(started), view.Stages[0].StartedAt);
    }

    [Fact]
    public void From_AnOrchestrationThatFailed_IsFailedWithTheFailureMessage()
    {
        var metadata = Metadata(
            OrchestrationRuntimeStatus.Failed,
            failure: new TaskFailureDetails("InvalidOperationException", "The orchestrator crashed.", null, null, null));

        var view = RunViews.From("iris", metadata);

        Assert.Equal("Failed", view.Status);
        Assert.Equal("The orchestrator crashed.", view.Reason);
    }

    [Fact]
    public void ARunStoppedByTheWatchdog_IsFailedWithItsReason_AndShowsItsRestarts()
    {
        var at = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var journal = RunJournal.Empty("iris", "iris-bbbbbbbbbbbbbbbb") with
        {
            Restarts = [new RunRestart(at, RestartKind.Automatic, "No progress for 16 min.", 2)],
            StoppedReason = "Stopped by the watchdog after 1 automatic restart(s) without progress.",
        };

        var view = RunViews.From("iris", Metadata(OrchestrationRuntimeStatus.Terminated), journal);

        Assert.Equal("Failed", view.Status);
        Assert.Equal(journal.StoppedReason, view.Reason);
        var restart = Assert.Single(view.Restarts);
        Assert.Equal(("Automatic", 2), (restart.Kind, restart.Attempt));
    }

    private static OrchestrationMetadata Metadata(
        OrchestrationRuntimeStatus status, RunResult? output = null, RunProgress? customStatus = null, TaskFailureDetails? failure = null) =>
        new("TrainingPipeline", "iris-bbbbbbbbbbbbbbbb")
        {
            DataConverter = Converter,
            RuntimeStatus = status,
            SerializedInput = Converter.Serialize(Request),
            SerializedOutput = output is null ? null : Converter.Serialize(output),
            SerializedCustomStatus = customStatus is null ? null : Converter.Serialize(customStatus),
            FailureDetails = failure,
        };
}
