using Mlops.Core.Errors;
using Mlops.Core.Runs;

namespace Mlops.Storage.Tests.Runs;

public class TableRunJournalStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly IRunJournalStore store = fixture.Get<IRunJournalStore>();

    [Fact]
    public async Task ARunNeverRecorded_HasAnEmptyJournal()
    {
        var model = TestModels.Unique("rj");
        var journal = await store.GetAsync(model, $"{model}-0123456789abcdef", CancellationToken.None);

        Assert.Null(journal.LastHeartbeat);
        Assert.Empty(journal.Restarts);
        Assert.Equal(1, journal.Attempt);
    }

    [Fact]
    public async Task BeatsAndRestarts_KeepEachOther()
    {
        var model = TestModels.Unique("rj");
        var runId = $"{model}-0123456789abcdef";

        await store.BeatAsync(model, runId, "RunTrial 3", At, CancellationToken.None);
        await store.AddRestartAsync(model, runId, j => new RunRestart(At.AddMinutes(1), RestartKind.Automatic, "stalled", j.Attempt + 1), CancellationToken.None);
        await store.BeatAsync(model, runId, "TrainModel", At.AddMinutes(2), CancellationToken.None);

        var journal = await store.GetAsync(model, runId, CancellationToken.None);
        Assert.Equal(At.AddMinutes(2), journal.LastHeartbeat);
        Assert.Equal("TrainModel", journal.HeartbeatActivity);
        var restart = Assert.Single(journal.Restarts);
        Assert.Equal(RestartKind.Automatic, restart.Kind);
        Assert.Equal(2, journal.Attempt);
    }

    [Fact]
    public async Task ConcurrentRestarts_NeverShareAnAttemptNumber()
    {
        var model = TestModels.Unique("rj");
        var runId = $"{model}-0123456789abcdef";

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.AddRestartAsync(model, runId, j => new RunRestart(At, RestartKind.Manual, $"restart {i}", j.Attempt + 1), CancellationToken.None)));

        var journal = await store.GetAsync(model, runId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(2, 8), journal.Restarts.Select(r => r.Attempt).Order());
    }

    [Fact]
    public async Task ARestartRefusedByItsCaller_WritesNothing()
    {
        var model = TestModels.Unique("rj");
        var runId = $"{model}-0123456789abcdef";

        await Assert.ThrowsAsync<MlopsException>(() =>
            store.AddRestartAsync(model, runId, _ => throw new MlopsException(MlopsErrorCode.Conflict, "busy"), CancellationToken.None));

        Assert.Empty((await store.GetAsync(model, runId, CancellationToken.None)).Restarts);
    }

    [Fact]
    public async Task StoppingARun_IsRecordedAndARestartClearsIt()
    {
        var model = TestModels.Unique("rj");
        var runId = $"{model}-0123456789abcdef";

        await store.StopAsync(model, runId, "gave up", CancellationToken.None);
        Assert.Equal("gave up", (await store.GetAsync(model, runId, CancellationToken.None)).StoppedReason);

        await store.AddRestartAsync(model, runId, j => new RunRestart(At, RestartKind.Manual, "fixed", j.Attempt + 1), CancellationToken.None);
        Assert.Null((await store.GetAsync(model, runId, CancellationToken.None)).StoppedReason);
    }
}
