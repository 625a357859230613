using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Runs;
using Mlops.Testing;
using Mlops.Workflows.Contracts;
using Moq;

namespace Mlops.Workflows.Tests.Recovery;

/// <summary>The watchdog's decisions and the restart's steps, against a Moq'd Durable client and journal.</summary>
public sealed class RunWatchdogTests
{
    private const string RunId = "churn-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly JsonDataConverter Converter = JsonDataConverter.Default;
    private static readonly RunRequest Request = new(new DatasetRef("churn", "churn/a.csv", "0123456789abcdef0123", "\"etag\""));

    private readonly Mock<DurableTaskClient> client = new("test");
    private readonly Mock<IRunJournalStore> journals = new();
    private readonly Mock<IRegistryEventLog> events = new();
    private readonly FixedClock clock = new(Now);
    private RunJournal journal = RunJournal.Empty("churn", RunId);
    private RunRequest? scheduled;

    public RunWatchdogTests()
    {
        journals.Setup(j => j.GetAsync("churn", RunId, It.IsAny<CancellationToken>())).ReturnsAsync(() => journal);
        journals.Setup(j => j.AddRestartAsync("churn", RunId, It.IsAny<Func<RunJournal, RunRestart>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, Func<RunJournal, RunRestart> restart, CancellationToken _) =>
                journal = journal with { Restarts = [.. journal.Restarts, restart(journal)] });
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? input, StartOrchestrationOptions? _, CancellationToken _) => scheduled = (RunRequest)input!)
            .ReturnsAsync(RunId);
    }

    [Fact]
    public async Task ARunThatMoved_IsLeftAlone()
    {
        Running(lastUpdate: Now.AddMinutes(-3));

        Assert.Empty(await Watchdog().SweepAsync(client.Object, CancellationToken.None));
        client.Verify(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AStalledRun_IsStoppedAndStartedAgainAsTheNextAttemptOfTheSameRun()
    {
        Running(lastUpdate: Now.AddMinutes(-20));

        var action = Assert.Single(await Watchdog().SweepAsync(client.Object, CancellationToken.None));

        Assert.True(action.Restarted);
        Assert.Equal(2, action.Attempt);
        client.Verify(c => c.TerminateInstanceAsync(RunId, It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(Request with { Attempt = 2, PipelineVersion = PipelineVersions.Current }, scheduled);
        var restart = Assert.Single(journal.Restarts);
        Assert.Equal(RestartKind.Automatic, restart.Kind);
        Assert.Contains("No progress for 20 min", restart.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterItsAutomaticRestarts_AStalledRunIsStoppedForGoodWithTheReason()
    {
        Running(lastUpdate: Now.AddMinutes(-20));
        journal = journal with
        {
            Restarts = [new RunRestart(Now.AddHours(-2), RestartKind.Automatic, "stalled", 2), new RunRestart(Now.AddHours(-1), RestartKind.Automatic, "stalled", 3)],
        };
        string? stopped = null;
        journals.Setup(j => j.StopAsync("churn", RunId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, string reason, CancellationToken _) => stopped = reason)
            .Returns(Task.CompletedTask);

        var action = Assert.Single(await Watchdog().SweepAsync(client.Object, CancellationToken.None));

        Assert.False(action.Restarted);
        Assert.NotNull(stopped);
        Assert.Contains("after 2 automatic restart(s)", stopped, StringComparison.Ordinal);
        Assert.Contains($"POST /api/runs/{RunId}/restart", stopped, StringComparison.Ordinal);
        client.Verify(c => c.TerminateInstanceAsync(RunId, It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Null(scheduled);
        events.Verify(e => e.AppendAsync("churn", RegistryEventTypes.Alert, It.Is<IReadOnlyDictionary<string, object?>>(d => (string)d["runId"]! == RunId), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ACompletedRun_CannotBeRestarted()
    {
        client.Setup(c => c.GetInstanceAsync(RunId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Metadata(OrchestrationRuntimeStatus.Completed, Now, new RunResult(RunStatus.Completed, 4, true, "better")));

        var refused = await Assert.ThrowsAsync<MlopsException>(() => Restarter().RestartAsync(client.Object, RunId, RestartKind.Manual, "again", CancellationToken.None));

        Assert.Equal(MlopsErrorCode.Conflict, refused.Code);
        Assert.Contains("version 4", refused.Message, StringComparison.Ordinal);
        Assert.Null(scheduled);
    }

    [Fact]
    public async Task AFailedRun_IsRestartedWithoutStoppingAnything()
    {
        client.Setup(c => c.GetInstanceAsync(RunId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Metadata(OrchestrationRuntimeStatus.Completed, Now, RunResult.Failed("The train stage failed: storage was away.")));

        var restart = await Restarter().RestartAsync(client.Object, RunId, RestartKind.Manual, "storage is back", CancellationToken.None);

        Assert.Equal(2, restart.Attempt);
        Assert.Equal(Request with { Attempt = 2, PipelineVersion = PipelineVersions.Current }, scheduled);
        client.Verify(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AQuarantinedRun_IsValidatedAgainUnderTheSpecAsItIsNow()
    {
        // The spec decides the label, the columns left out and the thresholds: a file quarantined for a column the
        // user has since told the spec to ignore passes on the same bytes, and the same bytes name the same run.
        client.Setup(c => c.GetInstanceAsync(RunId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Metadata(OrchestrationRuntimeStatus.Completed, Now, RunResult.Quarantined("The dataset was quarantined: Column 'Cabin' is missing 78.9% of its values.")));

        var restart = await Restarter().RestartAsync(client.Object, RunId, RestartKind.Manual, "Cabin ignored in the spec", CancellationToken.None);

        Assert.Equal(2, restart.Attempt);
        Assert.Equal(Request with { Attempt = 2, PipelineVersion = PipelineVersions.Current }, scheduled);
    }

    [Fact]
    public async Task AnUnknownRun_IsNotFound()
    {
        var missing = await Assert.ThrowsAsync<MlopsException>(() => Restarter().RestartAsync(client.Object, RunId, RestartKind.Manual, "why", CancellationToken.None));
        Assert.Equal(MlopsErrorCode.ResourceDoesNotExist, missing.Code);
    }

    private static OrchestrationMetadata Metadata(OrchestrationRuntimeStatus status, DateTimeOffset lastUpdate, RunResult? output = null) =>
        new(nameof(TrainingPipeline), RunId)
        {
            DataConverter = Converter,
            RuntimeStatus = status,
            LastUpdatedAt = lastUpdate,
            SerializedInput = Converter.Serialize(Request),
            SerializedOutput = output is null ? null : Converter.Serialize(output),
        };

    private void Running(DateTimeOffset lastUpdate)
    {
        var running = Metadata(OrchestrationRuntimeStatus.Running, lastUpdate);
        var states = new Queue<OrchestrationMetadata>([running, Metadata(OrchestrationRuntimeStatus.Terminated, Now)]);
        client.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns(Pageable.Create((string? _, int? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>([running], null))));

        // The restart reads the run, then sees it stopped after terminating it.
        client.Setup(c => c.GetInstanceAsync(RunId, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => states.Count > 1 ? states.Dequeue() : states.Peek());
    }

    private RunRestarter Restarter() => new(journals.Object, clock, NullLogger<RunRestarter>.Instance);

    private RunWatchdog Watchdog()
    {
        var options = Options.Create(new RecoveryOptions { StallSeconds = 900, MaxAutomaticRestarts = 2 });
        return new RunWatchdog(journals.Object, events.Object, new StallDetector(options), Restarter(), clock, options, NullLogger<RunWatchdog>.Instance);
    }
}
