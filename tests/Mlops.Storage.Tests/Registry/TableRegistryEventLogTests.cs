using Mlops.Core.Events;
using Mlops.Core.Registry;

namespace Mlops.Storage.Tests.Registry;

public class TableRegistryEventLogTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IModelRegistry registry = fixture.Get<IModelRegistry>();
    private readonly IRegistryEventLog events = fixture.Get<IRegistryEventLog>();

    [Fact]
    public async Task RegistrationsAndAliasMoves_AreLoggedInOrder_OnceEach()
    {
        var model = TestModels.Unique("ev");
        await RegisterAsync(model, "run-a");
        await RegisterAsync(model, "run-b");
        await registry.CommitVersionAsync(ModelVersions.For(model, 2, "run-b"), CancellationToken.None);
        Assert.True(await registry.TrySetAliasAsync(model, Aliases.Champion, 1, null, CancellationToken.None));
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        Assert.True(await registry.TrySetAliasAsync(model, Aliases.Champion, 2, champion!.ETag, CancellationToken.None));
        Assert.False(await registry.TrySetAliasAsync(model, Aliases.Champion, 1, champion.ETag, CancellationToken.None));

        var log = await events.ListAsync(model, 0, 100, CancellationToken.None);

        Assert.Equal([1L, 2, 3, 4], log.Select(e => e.Sequence));
        Assert.Equal(
            [RegistryEventTypes.VersionRegistered, RegistryEventTypes.VersionRegistered, RegistryEventTypes.AliasMoved, RegistryEventTypes.AliasMoved],
            log.Select(e => e.Type));
        Assert.Equal(2, log[1].Data.GetProperty("version").GetInt32());
        Assert.Equal((1, 2), (log[3].Data.GetProperty("from").GetInt32(), log[3].Data.GetProperty("to").GetInt32()));
        Assert.Equal(log.Select(e => e.Id).Distinct().Count(), log.Count);
        Assert.Equal([log[3]], (await events.ListAsync(model, 3, 100, CancellationToken.None)).Select(e => e with { Data = log[3].Data }));
    }

    [Fact]
    public async Task FiftyAliasMovesRacing_LeaveOneChampion_AndAHistoryWhoseEveryStepStartsWhereTheLastEnded()
    {
        var model = TestModels.Unique("ev");
        foreach (var run in new[] { "run-a", "run-b", "run-c" })
        {
            await RegisterAsync(model, run);
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var current = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
            return await registry.TrySetAliasAsync(model, Aliases.Champion, 1 + (i % 3), current?.ETag, CancellationToken.None);
        }));

        var moves = (await events.ListAsync(model, 0, 1000, CancellationToken.None)).Where(e => e.Type == RegistryEventTypes.AliasMoved).ToArray();
        Assert.Equal(outcomes.Count(o => o), moves.Length);
        for (var i = 1; i < moves.Length; i++)
        {
            Assert.Equal(moves[i - 1].Data.GetProperty("to").GetInt32(), moves[i].Data.GetProperty("from").GetInt32());
        }

        var champion = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        Assert.Equal(moves[^1].Data.GetProperty("to").GetInt32(), champion!.Version);
    }

    [Fact]
    public async Task AnAppendedAlert_TakesTheNextSequence()
    {
        var model = TestModels.Unique("ev");
        await RegisterAsync(model, "run-a");

        var alert = await events.AppendAsync(model, RegistryEventTypes.Alert, new Dictionary<string, object?> { ["reason"] = "stalled" }, CancellationToken.None);

        Assert.Equal(2, alert.Sequence);
        Assert.Equal($"{model}:2", alert.Id);
        Assert.Equal("stalled", (await events.ListAsync(model, 1, 10, CancellationToken.None)).Single().Data.GetProperty("reason").GetString());
    }

    private async Task RegisterAsync(string model, string runId)
    {
        var version = await registry.ReserveVersionAsync(model, runId, CancellationToken.None);
        await registry.CommitVersionAsync(ModelVersions.For(model, version, runId), CancellationToken.None);
    }
}
