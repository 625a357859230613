using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Retention;

namespace Mlops.Storage.Tests.Retention;

public sealed class RetentionPassTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly RetentionStorage storage = new(fixture);

    [Fact]
    public async Task RunAsync_FifteenVersionsWithAliasesOnOldOnes_KeepsTheAliasedAndTheNewest_AndDeletesTheRestWholly()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 15);
        await storage.SetAliasAsync(model, "champion", 2);
        await storage.SetAliasAsync(model, "challenger", 4);

        var report = await storage.Pass(keepVersions: 10).RunAsync(model, CancellationToken.None);

        Assert.Equal([2, 4, .. Enumerable.Range(6, 10)], report.Kept);
        Assert.Equal([1, 3, 5], report.Deleted);
        Assert.Equal("alias champion", report.Pinned[2]);
        Assert.Equal("alias challenger", report.Pinned[4]);
        foreach (var version in Enumerable.Range(1, 15))
        {
            Assert.Equal(report.Kept.Contains(version), await storage.ExistsWholeAsync(model, version));
        }

        Assert.Equal(2, (await storage.Registry.GetAliasAsync(model, "champion", CancellationToken.None))?.Version);
        Assert.Equal(4, (await storage.Registry.GetAliasAsync(model, "challenger", CancellationToken.None))?.Version);
        var events = await fixture.Get<IRegistryEventLog>().ListAsync(model, 0, 1000, CancellationToken.None);
        Assert.Equal(15, events.Count(e => e.Type == RegistryEventTypes.VersionRegistered));
        var deletions = events.Where(e => e.Type == RegistryEventTypes.VersionDeleted).ToList();
        Assert.Equal([1, 3, 5], deletions.Select(e => e.Data.GetProperty("version").GetInt32()));
        Assert.All(deletions, e => Assert.Equal("retention", e.Data.GetProperty("reason").GetString()));
        Assert.Equal(events.Select(e => e.Sequence), Enumerable.Range(1, events.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task RunAsync_Again_DeletesNothingMore_AndAppendsNoEvent()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 4);
        var pass = storage.Pass(keepVersions: 2);
        await pass.RunAsync(model, CancellationToken.None);
        var log = fixture.Get<IRegistryEventLog>();
        var before = (await log.ListAsync(model, 0, 1000, CancellationToken.None)).Count;

        var again = await pass.RunAsync(model, CancellationToken.None);

        Assert.Equal([3, 4], again.Kept);
        Assert.Empty(again.Deleted);
        Assert.Equal(before, (await log.ListAsync(model, 0, 1000, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task RunAsync_AfterAPassStoppedHalfWay_FinishesTheDeletion()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 3);
        // As a pass stopped after marking version 1 and deleting one of its blobs leaves it.
        Assert.True(await storage.Retirement.BeginAsync(model, 1, CancellationToken.None));
        await fixture.Clients.Container(StorageNames.ModelsContainer).DeleteBlobAsync($"{model}/1/model.zip");

        var report = await storage.Pass(keepVersions: 2).RunAsync(model, CancellationToken.None);

        Assert.Equal([1], report.Deleted);
        Assert.False(await storage.ExistsWholeAsync(model, 1));
        Assert.Empty(await storage.Retirement.ListRetiringAsync(model, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_RetiringVersionAnAliasReachedFirst_IsRestored_AndCanBeAliasedAgain()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 3);
        // The alias committed before the mark (a pass stopped right after marking): the next pass must keep the version.
        await storage.SetAliasAsync(model, "champion", 1);
        Assert.True(await storage.Retirement.BeginAsync(model, 1, CancellationToken.None));

        var report = await storage.Pass(keepVersions: 1).RunAsync(model, CancellationToken.None);

        Assert.Equal([1, 3], report.Kept);
        Assert.Equal([2], report.Deleted);
        Assert.True(await storage.ExistsWholeAsync(model, 1));
        Assert.Empty(await storage.Retirement.ListRetiringAsync(model, CancellationToken.None));
        await storage.SetAliasAsync(model, "stable", 1);
    }

    [Fact]
    public async Task RunAsync_PinnedVersion_IsKeptWithItsReason()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 3);

        var report = await storage.Pass(keepVersions: 1, new FixedPins(new RetentionPin(1, "experiment exp-1 challenger"))).RunAsync(model, CancellationToken.None);

        Assert.Equal([1, 3], report.Kept);
        Assert.Equal("experiment exp-1 challenger", report.Pinned[1]);
        Assert.True(await storage.ExistsWholeAsync(model, 1));
        Assert.False(await storage.ExistsWholeAsync(model, 2));
    }

    [Fact]
    public async Task TrySetAliasAsync_RetiringVersion_IsRefusedAsConflict_UntilTheRetirementIsCancelled()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 2);
        await storage.Retirement.BeginAsync(model, 1, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MlopsException>(() => storage.Registry.TrySetAliasAsync(model, "champion", 1, null, CancellationToken.None));
        Assert.Equal(MlopsErrorCode.Conflict, refused.Code);
        Assert.Null(await storage.Registry.GetAliasAsync(model, "champion", CancellationToken.None));

        await storage.Retirement.CancelAsync(model, 1, CancellationToken.None);
        await storage.SetAliasAsync(model, "champion", 1);
    }

    [Fact]
    public async Task TrySetAliasAsync_DeletedVersion_ThrowsNotFound()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 2);
        await storage.Pass(keepVersions: 1).RunAsync(model, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MlopsException>(() => storage.Registry.TrySetAliasAsync(model, "champion", 1, null, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.ResourceDoesNotExist, refused.Code);
    }

    [Fact]
    public async Task TrySetAliasAsync_TwoAliasesToOneVersionAtOnce_BothMove()
    {
        var model = TestModels.Unique("ret");
        await storage.RegisterAsync(model, 1);

        // Each move rewrites the version row under its ETag; the one that loses that race must try again, not fail.
        var moved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => storage.Registry.TrySetAliasAsync(model, $"alias-{i}", 1, null, CancellationToken.None))));

        Assert.All(moved, Assert.True);
        Assert.Equal(6, (await storage.Registry.ListAliasesAsync(model, CancellationToken.None)).Count);
    }

    private sealed class FixedPins(params RetentionPin[] pins) : IRetentionPins
    {
        public Task<IReadOnlyList<RetentionPin>> PinsAsync(string model, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RetentionPin>>(pins);
    }
}
