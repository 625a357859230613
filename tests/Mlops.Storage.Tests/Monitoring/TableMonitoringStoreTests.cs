using Mlops.Core.Monitoring;
using Mlops.Core.Serving;

namespace Mlops.Storage.Tests.Monitoring;

/// <summary>Monitoring windows and state against Azurite, and the prediction log's time-range read that feeds them.</summary>
public sealed class TableMonitoringStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Windows_AreCommittedWithTheirState_ListedNewestFirst_AndAStaleStateLoses()
    {
        var store = fixture.Get<IMonitoringStore>();
        var model = TestModels.Unique("mon");
        Assert.Null(await store.GetStateAsync(model, CancellationToken.None));

        var first = Window(model, Start, Start.AddHours(1));
        var state = new MonitoringState(model, 3, Start.AddHours(1)) { Streaks = [new DriftStreak("f0", 1, false)], Windows = 1 };
        Assert.True(await store.TryCommitAsync(first, state, null, CancellationToken.None));
        Assert.False(await store.TryCommitAsync(Window(model, Start, Start.AddHours(1).AddSeconds(1)), state, null, CancellationToken.None));

        var (read, etag) = (await store.GetStateAsync(model, CancellationToken.None))!.Value;
        Assert.Equal(state.LastWindowEnd, read.LastWindowEnd);
        Assert.Equal(state.Streaks, read.Streaks);
        var second = Window(model, Start.AddHours(1), Start.AddHours(2));
        Assert.True(await store.TryCommitAsync(second, read with { LastWindowEnd = second.To, Windows = 2 }, etag, CancellationToken.None));
        Assert.False(await store.TryCommitAsync(Window(model, Start.AddHours(2), Start.AddHours(3)), read, etag, CancellationToken.None));

        var windows = await store.ListAsync(model, 10, CancellationToken.None);
        Assert.Equal([second.Id, first.Id], windows.Select(w => w.Id));
        Assert.Equal("f0", windows[1].Drift.Features[0].Name);
        Assert.Single(await store.ListAsync(model, 1, CancellationToken.None));
    }

    [Fact]
    public async Task APendingWindow_IsReadByItsEnd_ReplacedFinished_AndItsEntryDroppedUnderTheStatesETag()
    {
        var store = fixture.Get<IMonitoringStore>();
        var model = TestModels.Unique("finish");
        var end = Start.AddHours(1);
        var pending = Window(model, Start, end) with { Pending = true, Detections = [new(RetrainKinds.Drift, "f0 drifted")], Actions = [new(end, MonitoringAction.Retrain, null, "window: f0 drifted") { Trigger = RetrainKinds.Drift, Added = 40 }] };
        var state = new MonitoringState(model, 3, end) { Unfinished = [new UnfinishedWindow(end, end)] };
        Assert.True(await store.TryCommitAsync(pending, state, null, CancellationToken.None));
        Assert.Null(await store.GetWindowAsync(model, end.AddTicks(1), CancellationToken.None));

        var read = (await store.GetWindowAsync(model, end, CancellationToken.None))!;
        Assert.True(read.Pending);
        Assert.Equal(pending.Detections, read.Detections);
        Assert.Equal(40, read.Actions[0].Added);
        await store.ReplaceWindowAsync(read with { Pending = false, Actions = [read.Actions[0] with { RunId = "run-1" }] }, CancellationToken.None);
        var finished = Assert.Single(await store.ListAsync(model, 10, CancellationToken.None));
        Assert.False(finished.Pending);
        Assert.Equal("run-1", finished.Actions[0].RunId);

        var (stored, etag) = (await store.GetStateAsync(model, CancellationToken.None))!.Value;
        Assert.Equal([new UnfinishedWindow(end, end)], stored.Unfinished);
        Assert.True(await store.TryReplaceStateAsync(stored with { Unfinished = [] }, etag, CancellationToken.None));
        Assert.False(await store.TryReplaceStateAsync(stored, etag, CancellationToken.None));
        Assert.Empty((await store.GetStateAsync(model, CancellationToken.None))!.Value.State.Unfinished);
    }

    [Fact]
    public async Task ReadRange_AnswersThePredictionsMadeInTheRange_AcrossTheModelsPartitions()
    {
        var log = fixture.Get<IPredictionLog>();
        var model = TestModels.Unique("range");
        var made = Enumerable.Range(0, 60).Select(i => Start.AddMinutes(i)).ToArray();
        await log.RecordAsync([.. made.Select(at => new PredictionRecord(model, PredictionIds.New(at), 1, "champion", at, "{}", "yes", 0.9, null))], CancellationToken.None);

        var read = new List<PredictionRecord>();
        await foreach (var prediction in log.ReadRangeAsync(model, Start.AddMinutes(10), Start.AddMinutes(20), CancellationToken.None))
        {
            read.Add(prediction);
        }

        Assert.Equal(made[10..20], read.Select(p => p.Timestamp).Order());
    }

    private static MonitoringWindow Window(string model, DateTimeOffset from, DateTimeOffset to) => new(
        to.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture),
        model,
        3,
        from,
        to,
        500,
        MonitoringWindow.Judged,
        new WindowDrift(false, [new FeatureDriftView("f0", 500, MonitoringWindow.Judged, [new DriftStatistic("psi", 0.01, 0.2, null)], false, 0, false)], null),
        new WindowDecay("accuracy", 0.9, 0.85, 0.94, 200, 0.91, false));
}
