using Microsoft.DurableTask;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Events;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Storage;
using Mlops.Testing;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Mlops.Workflows.Experiments;
using Moq;

namespace Mlops.Workflows.Tests.Recovery;

/// <summary>
/// The promote activity dispatched twice at once (Durable's at-least-once delivery), on Azurite: both executions read
/// the old champion, one moves it, and the other's compare-and-swap is refused. The alias names this run's version, so
/// both must answer promoted; only a move to another version is a lost race.
/// </summary>
public sealed class PromoteModelTwinTests : IAsyncLifetime
{
    private AzuriteServices? services;

    private IModelRegistry Registry => services!.Get<IModelRegistry>();

    public async Task InitializeAsync() => services = await AzuriteServices.StartAsync();

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Fact]
    public async Task ATwinExecutionThatMovedTheChampionFirst_LeavesThisOneReportingPromoted()
    {
        var model = await ModelWithChampionAsync();
        var twin = new TwinFirst(Registry, moveTo: 2);

        var outcome = await Promote(twin, model, version: 2);

        Assert.True(twin.Moved);
        Assert.True(outcome.Promoted, outcome.Reason);
        Assert.Equal("better", outcome.Reason);
        Assert.Equal(2, (await Registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task AnotherRunThatMovedTheChampionToItsOwnVersion_IsStillARaceLost()
    {
        var model = await ModelWithChampionAsync();
        var other = new TwinFirst(Registry, moveTo: 3);

        var outcome = await Promote(other, model, version: 2);

        Assert.True(other.Moved);
        Assert.False(outcome.Promoted);
        Assert.Contains("champion changed", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(3, (await Registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task AnExperimentConcludedAgainAfterItsChampionMoved_IsRecordedPromoted()
    {
        // The first attempt moved the champion to the challenger and stopped before it saved the experiment's end; the
        // retry finds the champion already on the challenger, which is the promotion it was making.
        var model = await ModelWithChampionAsync();
        var store = services!.Get<IExperimentStore>();
        var stored = await store.CreateAsync(
            new Experiment($"exp-{Guid.NewGuid():N}"[..20], model, "ab", ExperimentStatuses.Running, 0.5, "accuracy", 1, 2, "salt", DateTimeOffset.UtcNow, PromotionSettings.Default),
            CancellationToken.None);
        var champion = await Registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        Assert.True(await Registry.TrySetAliasAsync(model, Aliases.Champion, 2, champion!.ETag, CancellationToken.None));

        var concluded = await services!.Get<ExperimentChanges>()
            .ConcludeAsync(stored, ExperimentStatuses.Promoted, "v2 won", null, CancellationToken.None);

        Assert.True(concluded);
        var ended = (await store.GetAsync(model, stored.Experiment.Id, CancellationToken.None))!.Experiment;
        Assert.Equal(ExperimentStatuses.Promoted, ended.Status);
        Assert.Equal("v2 won", ended.Decision!.Reason);
        Assert.Equal(2, (await Registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None))?.Version);
    }

    private Task<PromotionOutcome> Promote(IModelRegistry registry, string model, int version) =>
        new PromoteModel(registry, services!.Get<IRegistryEventLog>())
            .RunAsync(Mock.Of<TaskActivityContext>(), new PromoteModelInput(model, version, ExpectedChampion: 1, ShouldPromote: true, "better"));

    private async Task<string> ModelWithChampionAsync()
    {
        var model = $"twin-{Guid.NewGuid():N}"[..20];
        for (var i = 1; i <= 3; i++)
        {
            var runId = $"run-{i}";
            var number = await Registry.ReserveVersionAsync(model, runId, CancellationToken.None);
            await Registry.CommitVersionAsync(Version(model, number, runId), CancellationToken.None);
        }

        Assert.True(await Registry.TrySetAliasAsync(model, Aliases.Champion, 1, null, CancellationToken.None));
        return model;
    }

    internal static ModelVersion Version(string model, int version, string runId) => new(
        model,
        version,
        new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
        runId,
        "FastTreeBinary",
        new Dictionary<string, string>(),
        new Dictionary<string, double> { ["auc"] = 0.9 },
        new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"]),
        new Lineage($"{model}/data.csv", "\"0x8D\"", new string('a', 64), runId, null),
        new string('b', 64));

    /// <summary>The registry as the second execution sees it: another writer moves the alias just before its swap.</summary>
    private sealed class TwinFirst(IModelRegistry inner, int moveTo) : IModelRegistry
    {
        public bool Moved { get; private set; }

        public async Task<bool> TrySetAliasAsync(string model, string aliasName, int version, string? expectedETag, CancellationToken cancellationToken)
        {
            if (!Moved)
            {
                Moved = await inner.TrySetAliasAsync(model, aliasName, moveTo, expectedETag, cancellationToken);
            }

            return await inner.TrySetAliasAsync(model, aliasName, version, expectedETag, cancellationToken);
        }

        public Task<int> ReserveVersionAsync(string model, string runId, CancellationToken cancellationToken) => inner.ReserveVersionAsync(model, runId, cancellationToken);

        public Task CommitVersionAsync(ModelVersion version, CancellationToken cancellationToken) => inner.CommitVersionAsync(version, cancellationToken);

        public Task<ModelVersion?> GetVersionAsync(string model, int version, CancellationToken cancellationToken) => inner.GetVersionAsync(model, version, cancellationToken);

        public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string model, CancellationToken cancellationToken) => inner.ListVersionsAsync(model, cancellationToken);

        public Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken) => inner.ListModelsAsync(cancellationToken);

        public Task<AliasState?> GetAliasAsync(string model, string aliasName, CancellationToken cancellationToken) => inner.GetAliasAsync(model, aliasName, cancellationToken);

        public Task<IReadOnlyList<AliasState>> ListAliasesAsync(string model, CancellationToken cancellationToken) => inner.ListAliasesAsync(model, cancellationToken);

        public Task<bool> TryRemoveAliasAsync(string model, string aliasName, string expectedETag, CancellationToken cancellationToken) => inner.TryRemoveAliasAsync(model, aliasName, expectedETag, cancellationToken);
    }
}
