using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Workflows.Experiments;

namespace Mlops.Workflows.Tests.Recovery;

/// <summary>
/// Stop and approve against the experiment's own looks, on Azurite: a look records itself every few seconds, so a
/// person's stop can read the experiment just before a look writes it. The look changed nothing the person decided on,
/// so the stop is applied to the experiment as the look left it, not refused.
/// </summary>
public sealed class ExperimentEndedByHandTests : IAsyncLifetime
{
    private AzuriteServices? services;

    public async Task InitializeAsync() => services = await AzuriteServices.StartAsync();

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Fact]
    public async Task AStopThatReadsTheExperimentJustBeforeALookWritesIt_StopsItAndKeepsTheLook()
    {
        var (store, experiment) = await OpenExperimentAsync(ExperimentStatuses.Running);
        var racing = new LookAfterEachRead(store, looks: 1);

        var ended = await Changes(racing).EndByHandAsync(experiment.Model, experiment.Id, Stop, CancellationToken.None);

        Assert.Equal(1, racing.LooksWritten);
        Assert.Equal(ExperimentStatuses.Stopped, ended.Status);
        var stored = (await store.GetAsync(experiment.Model, experiment.Id, CancellationToken.None))!.Experiment;
        Assert.Equal(ExperimentStatuses.Stopped, stored.Status);
        Assert.Single(stored.Looks);
        Assert.Equal(0, stored.Traffic);
    }

    [Fact]
    public async Task AnApproveThatRacesALook_MovesTheChampionOnceAndEndsTheExperimentPromoted()
    {
        // The first attempt moves the champion, then loses the experiment's write to the look; before, the person got a
        // 409 with the champion already moved and the experiment still awaiting approval. The retry finishes it.
        var (store, experiment) = await OpenExperimentAsync(ExperimentStatuses.AwaitingApproval);
        var registry = services!.Get<IModelRegistry>();
        for (var version = 1; version <= 2; version++)
        {
            var number = await registry.ReserveVersionAsync(experiment.Model, $"run-{version}", CancellationToken.None);
            await registry.CommitVersionAsync(PromoteModelTwinTests.Version(experiment.Model, number, $"run-{version}"), CancellationToken.None);
        }

        Assert.True(await registry.TrySetAliasAsync(experiment.Model, Aliases.Champion, 1, null, CancellationToken.None));
        var racing = new LookAfterEachRead(store, looks: 1);

        var ended = await Changes(racing).EndByHandAsync(
            experiment.Model, experiment.Id, _ => (ExperimentStatuses.Promoted, "Approved by hand."), CancellationToken.None);

        Assert.Equal(ExperimentStatuses.Promoted, ended.Status);
        Assert.Equal(2, (await registry.GetAliasAsync(experiment.Model, Aliases.Champion, CancellationToken.None))?.Version);
        var decided = (await services.Get<IRegistryEventLog>().ListAsync(experiment.Model, 0, 100, CancellationToken.None))
            .Where(e => e.Type == RegistryEventTypes.ExperimentDecided).ToList();
        Assert.Single(decided);
    }

    [Fact]
    public async Task AnExperimentThatEndedWhileTheStopWasReadingIt_IsAConflictNamingItsOutcome()
    {
        // The look between the reads concluded it: the stop is checked again against what is stored and refused.
        var (store, experiment) = await OpenExperimentAsync(ExperimentStatuses.Running);
        var racing = new LookAfterEachRead(store, looks: 1, concludeAs: ExperimentStatuses.Inconclusive);

        var error = await Assert.ThrowsAsync<MlopsException>(() => Changes(racing).EndByHandAsync(experiment.Model, experiment.Id, Stop, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.Conflict, error.Code);
        Assert.Contains(ExperimentStatuses.Inconclusive, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatuses.Inconclusive, (await store.GetAsync(experiment.Model, experiment.Id, CancellationToken.None))!.Experiment.Status);
    }

    [Fact]
    public async Task AnExperimentThatNeverStopsChanging_IsAConflictAfterAFewAttemptsAndStaysOpen()
    {
        var (store, experiment) = await OpenExperimentAsync(ExperimentStatuses.Running);
        var racing = new LookAfterEachRead(store, looks: int.MaxValue);

        var error = await Assert.ThrowsAsync<MlopsException>(() => Changes(racing).EndByHandAsync(experiment.Model, experiment.Id, Stop, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.Conflict, error.Code);
        Assert.InRange(racing.LooksWritten, 2, 10);
        Assert.Equal(ExperimentStatuses.Running, (await store.GetAsync(experiment.Model, experiment.Id, CancellationToken.None))!.Experiment.Status);
    }

    private static (string, string) Stop(Experiment experiment) => ExperimentStatuses.IsOpen(experiment.Status)
        ? (ExperimentStatuses.Stopped, "Stopped by hand.")
        : throw new MlopsException(MlopsErrorCode.Conflict, $"Experiment {experiment.Id} has already ended ({experiment.Status}).");

    private ExperimentChanges Changes(IExperimentStore store) => new(
        services!.Get<IModelRegistry>(), store, services.Get<IRegistryEventLog>(), services.Get<ExperimentRouter>(), TimeProvider.System);

    private async Task<(IExperimentStore Store, Experiment Experiment)> OpenExperimentAsync(string status)
    {
        var store = services!.Get<IExperimentStore>();
        var model = $"hand-{Guid.NewGuid():N}"[..20];
        var stored = await store.CreateAsync(
            new Experiment($"exp{Guid.NewGuid():N}"[..20], model, "ab", status, 0.5, "accuracy", 1, 2, "salt", DateTimeOffset.UtcNow, PromotionSettings.Default),
            CancellationToken.None);
        return (store, stored.Experiment);
    }

    /// <summary>The store as a person's request sees it while the look timer runs: a look is written right after each read.</summary>
    private sealed class LookAfterEachRead(IExperimentStore inner, int looks, string? concludeAs = null) : IExperimentStore
    {
        public int LooksWritten { get; private set; }

        public async Task<StoredExperiment?> GetAsync(string model, string id, CancellationToken cancellationToken)
        {
            var read = await inner.GetAsync(model, id, cancellationToken);
            if (read is not null && LooksWritten < looks && ExperimentStatuses.IsOpen(read.Experiment.Status))
            {
                var look = new ExperimentLook(DateTimeOffset.UtcNow, 10, 10, new VariantTally(5, 4, 4), new VariantTally(5, 3, 3), null);
                var looked = read.Experiment with
                {
                    Looks = [.. read.Experiment.Looks, look],
                    Status = concludeAs ?? read.Experiment.Status,
                    Traffic = concludeAs is null ? read.Experiment.Traffic : 0,
                };
                Assert.True(await inner.TryReplaceAsync(looked, read.ETag, cancellationToken));
                LooksWritten++;
            }

            return read;
        }

        public Task<StoredExperiment> CreateAsync(Experiment experiment, CancellationToken cancellationToken) => inner.CreateAsync(experiment, cancellationToken);

        public Task<Experiment?> GetOpenAsync(string model, CancellationToken cancellationToken) => inner.GetOpenAsync(model, cancellationToken);

        public Task<IReadOnlyList<Experiment>> ListAsync(string model, CancellationToken cancellationToken) => inner.ListAsync(model, cancellationToken);

        public Task<bool> TryReplaceAsync(Experiment experiment, string etag, CancellationToken cancellationToken) => inner.TryReplaceAsync(experiment, etag, cancellationToken);
    }
}
