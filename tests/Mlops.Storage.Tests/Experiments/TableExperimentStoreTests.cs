using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Storage.Tests.Registry;

namespace Mlops.Storage.Tests.Experiments;

public class TableExperimentStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IExperimentStore store = fixture.Get<IExperimentStore>();
    private readonly IExperimentOutcomes outcomes = fixture.Get<IExperimentOutcomes>();
    private readonly IModelRegistry registry = fixture.Get<IModelRegistry>();

    [Fact]
    public async Task ASecondOpenExperiment_IsRefusedWithAConflict_UntilTheFirstCloses()
    {
        var model = TestModels.Unique("exp");
        var first = await store.CreateAsync(Experiment(model, "expa1"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MlopsException>(() => store.CreateAsync(Experiment(model, "expa2"), CancellationToken.None));
        Assert.Equal(MlopsErrorCode.Conflict, refused.Code);
        Assert.Contains("expa1", refused.Message, StringComparison.Ordinal);
        Assert.Equal("expa1", (await store.GetOpenAsync(model, CancellationToken.None))?.Id);

        Assert.True(await store.TryReplaceAsync(first.Experiment with { Status = ExperimentStatuses.Stopped, Traffic = 0 }, first.ETag, CancellationToken.None));
        Assert.Null(await store.GetOpenAsync(model, CancellationToken.None));
        await store.CreateAsync(Experiment(model, "expa2"), CancellationToken.None);
        Assert.Equal(["expa2", "expa1"], (await store.ListAsync(model, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task TenStartsRacing_OpenExactlyOne()
    {
        var model = TestModels.Unique("exp");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await store.CreateAsync(Experiment(model, $"race{i}"), CancellationToken.None);
                return true;
            }
            catch (MlopsException e) when (e.Code == MlopsErrorCode.Conflict)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single(await store.ListAsync(model, CancellationToken.None));
    }

    [Fact]
    public async Task AStaleETag_LosesTheUpdate_AndTheStateRoundTrips()
    {
        var model = TestModels.Unique("exp");
        var stored = await store.CreateAsync(Experiment(model, "expb1"), CancellationToken.None);
        var look = new ExperimentLook(DateTimeOffset.UnixEpoch, 10, 12, new VariantTally(8, 6, 6), new VariantTally(9, 8, 8), new SequentialLook(0.1, -0.2, 0.4, 0.7, false))
        {
            Guardrails = [new GuardrailReading(Guardrails.ErrorRate, 0, 0.25, 0.01, new SequentialLook(0.25, 0.1, 0.4, 0.001, true), true)],
        };

        Assert.True(await store.TryReplaceAsync(stored.Experiment with { Looks = [look] }, stored.ETag, CancellationToken.None));
        Assert.False(await store.TryReplaceAsync(stored.Experiment with { Status = ExperimentStatuses.Stopped }, stored.ETag, CancellationToken.None));

        var read = await store.GetAsync(model, "expb1", CancellationToken.None);
        Assert.Equal(ExperimentStatuses.Running, read!.Experiment.Status);
        var readLook = Assert.Single(read.Experiment.Looks);
        Assert.Equal(look, readLook with { Guardrails = look.Guardrails });
        Assert.Equal(look.Guardrails, readLook.Guardrails);
        Assert.Equal(stored.Experiment.Settings, read.Experiment.Settings);
    }

    [Fact]
    public async Task Outcomes_AreTalliedPerVariant_AndACorrectedLabelReplacesItsScore()
    {
        var id = "expc" + Guid.NewGuid().ToString("N")[..8];
        await outcomes.RecordAsync(id, "p1", Aliases.Champion, 1, CancellationToken.None);
        await outcomes.RecordAsync(id, "p2", Aliases.Champion, 0, CancellationToken.None);
        await outcomes.RecordAsync(id, "p3", Aliases.Challenger, 0, CancellationToken.None);
        await outcomes.RecordAsync(id, "p3", Aliases.Challenger, 1, CancellationToken.None);

        var (champion, challenger) = await outcomes.TallyAsync(id, CancellationToken.None);

        Assert.Equal(new VariantTally(2, 1, 1), champion);
        Assert.Equal(new VariantTally(1, 1, 1), challenger);
    }

    [Fact]
    public async Task RemovingAnAlias_IsCompareAndSwap_AndLoggedAsAMoveToNothing()
    {
        var model = TestModels.Unique("exp");
        var version = await registry.ReserveVersionAsync(model, "run-a", CancellationToken.None);
        await registry.CommitVersionAsync(ModelVersions.For(model, version, "run-a"), CancellationToken.None);
        Assert.True(await registry.TrySetAliasAsync(model, Aliases.Challenger, version, null, CancellationToken.None));
        var alias = await registry.GetAliasAsync(model, Aliases.Challenger, CancellationToken.None);

        Assert.False(await registry.TryRemoveAliasAsync(model, Aliases.Challenger, "W/\"stale\"", CancellationToken.None));
        Assert.True(await registry.TryRemoveAliasAsync(model, Aliases.Challenger, alias!.ETag, CancellationToken.None));

        Assert.Null(await registry.GetAliasAsync(model, Aliases.Challenger, CancellationToken.None));
        var moved = (await fixture.Get<IRegistryEventLog>().ListAsync(model, 0, 10, CancellationToken.None))[^1];
        Assert.Equal(RegistryEventTypes.AliasMoved, moved.Type);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, moved.Data.GetProperty("to").ValueKind);
    }

    private static Experiment Experiment(string model, string id) => new(
        id, model, PromotionStrategies.Ab, ExperimentStatuses.Running, 0.5, ExperimentMetrics.Accuracy, 1, 2, "salt", DateTimeOffset.UtcNow, PromotionSettings.Default with { Strategy = PromotionStrategies.Ab });
}
