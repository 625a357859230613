using System.Globalization;
using System.Text;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Events;
using Mlops.Core.Feedback;
using Mlops.Core.Monitoring;
using Mlops.Core.Registry;
using Mlops.Core.Serving;
using Mlops.Core.Validation;
using Mlops.Testing;

namespace Mlops.Workflows.Tests.Recovery;

/// <summary>
/// Monitoring passes that meet, on Azurite: the timer and a person's POST .../monitoring/run closing the same window,
/// and a pass that dies after storing its window. The model's spec asks for a retraining every second on a host that
/// cannot start runs, so every window decides one alert: the alert events count what the passes did.
/// </summary>
public sealed class MonitoringRaceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

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
    public async Task TwoPassesClosingTheSameWindow_ActOnce_AndTheOneThatLostAnswersTheWindowClosed()
    {
        // Before, each pass appended its alert before its commit, and the one that lost the commit answered 409.
        var model = await ChampionAsync();
        var store = services!.Get<IMonitoringStore>();
        var other = Pass(store, Start.AddSeconds(1));
        var racing = new AnotherPassCommitsFirst(store, () => other.CloseWindowAsync(model, null, CancellationToken.None));

        var answered = await Pass(racing, Start).CloseWindowAsync(model, null, CancellationToken.None);

        var windows = await store.ListAsync(model, 10, CancellationToken.None);
        var closed = Assert.Single(windows);
        Assert.Equal(closed.Id, answered.Id);
        Assert.False(closed.Pending);
        Assert.Equal(MonitoringAction.Alert, Assert.Single(closed.Actions).Kind);
        Assert.Single(await AlertsAsync(model));
    }

    [Fact]
    public async Task AWindowWhosePassDiedAfterStoringIt_IsFinishedByTheFirstPassAfterFinishAfter()
    {
        var model = await ChampionAsync();
        var store = services!.Get<IMonitoringStore>();

        await Assert.ThrowsAsync<IOException>(() => Pass(new DiesAfterCommit(store), Start).CloseWindowAsync(model, null, CancellationToken.None));
        var left = await store.GetWindowAsync(model, Start, CancellationToken.None);
        Assert.True(left!.Pending);
        Assert.Empty(await AlertsAsync(model));

        // A minute later its pass might still be at it: the next pass finishes only its own window.
        var second = await Pass(store, Start.AddMinutes(1)).CloseWindowAsync(model, null, CancellationToken.None);
        Assert.Equal([second.Id], (await AlertsAsync(model)).Select(WindowOf));
        Assert.True((await store.GetWindowAsync(model, Start, CancellationToken.None))!.Pending);

        var third = await Pass(store, Start + MonitoringPass.FinishAfter + TimeSpan.FromSeconds(1)).CloseWindowAsync(model, null, CancellationToken.None);

        Assert.Equal([second.Id, third.Id, left.Id], (await AlertsAsync(model)).Select(WindowOf));
        var finished = (await store.GetWindowAsync(model, Start, CancellationToken.None))!;
        Assert.False(finished.Pending);
        Assert.Equal(AlertCauses.NoRuns, Assert.Single(finished.Actions).Cause);
        Assert.Empty((await store.GetStateAsync(model, CancellationToken.None))!.Value.State.Unfinished);
    }

    [Fact]
    public async Task AWindowLeftUnfinished_IsFinishedAfterANewChampionTookOver()
    {
        // The run a window starts may well replace the champion before the window is taken over; a new champion's
        // monitoring starts afresh, but not by forgetting what is left to do.
        var model = await ChampionAsync();
        var store = services!.Get<IMonitoringStore>();
        await Assert.ThrowsAsync<IOException>(() => Pass(new DiesAfterCommit(store), Start).CloseWindowAsync(model, null, CancellationToken.None));
        await RegisterChampionAsync(model);

        var next = await Pass(store, Start + MonitoringPass.FinishAfter + TimeSpan.FromSeconds(1)).CloseWindowAsync(model, null, CancellationToken.None);

        Assert.Equal(2, next.Version);
        Assert.False((await store.GetWindowAsync(model, Start, CancellationToken.None))!.Pending);
        Assert.Equal(2, (await AlertsAsync(model)).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARetrainingWhosePassDied_IsTakenOverAsTheRunOfTheSetItStored_OrOfASetBuiltAgain(bool setStored)
    {
        var model = await ChampionAsync();
        await LabelledPredictionAsync(model);
        var store = services!.Get<IMonitoringStore>();
        var retrainer = new SetsByName();

        await Assert.ThrowsAsync<IOException>(() => Pass(new DiesAfterCommit(store), Start).CloseWindowAsync(model, retrainer, CancellationToken.None));
        var left = (await store.GetWindowAsync(model, Start, CancellationToken.None))!;
        var planned = Assert.Single(left.Actions);
        Assert.Equal((MonitoringAction.Retrain, null, 1L), (planned.Kind, planned.RunId, planned.Added));
        if (setStored)
        {
            // The pass got as far as storing the set and starting its run: a set is immutable, so only that run may follow.
            retrainer.Runs[$"{MonitoringPass.RetrainFilePrefix}{left.Id}.csv"] = "run-of-the-stored-set";
        }

        await Pass(store, Start + MonitoringPass.FinishAfter + TimeSpan.FromSeconds(1)).CloseWindowAsync(model, retrainer, CancellationToken.None);

        var run = Assert.Single((await store.GetWindowAsync(model, Start, CancellationToken.None))!.Actions).RunId;
        Assert.Equal(setStored ? "run-of-the-stored-set" : "run-1", run);
        Assert.Equal(setStored ? 0 : 1, retrainer.Started);
        var started = Assert.Single(await services.Get<IRegistryEventLog>().ListAsync(model, 0, 100, CancellationToken.None), e => e.Type == RegistryEventTypes.RetrainStarted);
        Assert.Equal(run, started.Data.GetProperty("runId").GetString());
    }

    private static string WindowOf(RegistryEvent alert) => alert.Data.GetProperty("window").GetString()!;

    private async Task<List<RegistryEvent>> AlertsAsync(string model) =>
        [.. (await services!.Get<IRegistryEventLog>().ListAsync(model, 0, 100, CancellationToken.None)).Where(e => e.Type == RegistryEventTypes.Alert)];

    private MonitoringPass Pass(IMonitoringStore store, DateTimeOffset now)
    {
        var s = services!;
        var sets = s.Get<RetrainingSetBuilder>();
        return new MonitoringPass(
            s.Get<IModelRegistry>(),
            s.Get<IModelArtifactStore>(),
            s.Get<IDatasetStore>(),
            s.Get<IPredictionLog>(),
            s.Get<IFeedbackStore>(),
            store,
            sets,
            new WindowFinisher(s.Get<IModelRegistry>(), store, s.Get<IRegistryEventLog>(), sets),
            new FixedClock(now));
    }

    /// <summary>A prediction the champion served an hour after it was registered, and its label.</summary>
    private async Task LabelledPredictionAsync(string model)
    {
        var at = PromoteModelTwinTests.Version(model, 1, "run-1").CreatedAt.AddHours(1);
        var id = PredictionIds.New(at);
        await services!.Get<IPredictionLog>().RecordAsync([new PredictionRecord(model, id, 1, Aliases.Champion, at, """{"x":3}""", "yes", 0.9, null)], CancellationToken.None);
        await services.Get<IFeedbackStore>().RecordAsync(new FeedbackRecord(model, id, "no", at.AddMinutes(5)), CancellationToken.None);
    }

    /// <summary>A champion with a data contract and its dataset, whose spec asks for a retraining every second.</summary>
    private async Task<string> ChampionAsync()
    {
        var model = $"race-{Guid.NewGuid():N}"[..20];
        var csv = new StringBuilder("x,label\n");
        for (var i = 0; i < 200; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i % 17},{(i % 3 == 0 ? "yes" : "no")}\n");
        }

        await services!.Get<IDatasetStore>().UploadAsync(model, "data.csv", BinaryData.FromBytes(Encoding.UTF8.GetBytes(csv.ToString())), CancellationToken.None);
        await RegisterChampionAsync(model);
        await services.Get<IDatasetStore>().WriteSpecAsync(model, """{"retrainSchedule":"* * * * * *"}""", CancellationToken.None);
        return model;
    }

    /// <summary>The model's next version, with the contract of its dataset, as its champion.</summary>
    private async Task RegisterChampionAsync(string model)
    {
        var registry = services!.Get<IModelRegistry>();
        var data = (await services.Get<IDatasetStore>().DescribeAsync($"{model}/data.csv", CancellationToken.None))!;
        DataContract contract;
        await using (var read = await services.Get<IDatasetStore>().OpenReadAsync(new DatasetRef(model, data.BlobName, data.Sha256, data.ETag), CancellationToken.None))
        {
            contract = services.Get<DatasetValidator>().Validate(read, null).Contract!;
        }

        var runId = $"run-{Guid.NewGuid():N}";
        var number = await registry.ReserveVersionAsync(model, runId, CancellationToken.None);
        await services.Get<IModelArtifactStore>().WriteAsync(ArtifactPaths.Contract(model, number), BinaryData.FromObjectAsJson(contract, MlopsJson.Options), CancellationToken.None);
        await registry.CommitVersionAsync(PromoteModelTwinTests.Version(model, number, runId) with { Schema = contract.Schema, ContractVersion = contract.Version }, CancellationToken.None);
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        Assert.True(await registry.TrySetAliasAsync(model, Aliases.Champion, number, champion?.ETag, CancellationToken.None));
    }

    /// <summary>Runs named by the set they train on, as the Durable retrainer's are: a stored set resumes as its run.</summary>
    private sealed class SetsByName : IRetrainer
    {
        public Dictionary<string, string> Runs { get; } = [];

        public int Started { get; private set; }

        public Task<string> StartAsync(string model, string fileName, BinaryData csv, string kind, string detail, CancellationToken cancellationToken)
        {
            Assert.False(Runs.ContainsKey(fileName), $"{fileName} is stored already: a second set under its name is refused.");
            Started++;
            return Task.FromResult(Runs[fileName] = $"run-{Started}");
        }

        public Task<string?> ResumeAsync(string model, string fileName, string kind, string detail, CancellationToken cancellationToken) =>
            Task.FromResult(Runs.GetValueOrDefault(fileName));
    }

    /// <summary>The store as a pass sees it when another pass commits between its read of the state and its own commit.</summary>
    private sealed class AnotherPassCommitsFirst(IMonitoringStore inner, Func<Task> other) : ForwardingStore(inner)
    {
        private bool raced;

        public override async Task<bool> TryCommitAsync(MonitoringWindow window, MonitoringState state, string? etag, CancellationToken cancellationToken)
        {
            if (!raced)
            {
                raced = true;
                await other();
            }

            return await base.TryCommitAsync(window, state, etag, cancellationToken);
        }
    }

    /// <summary>The store of a host that dies just after its commit: the window is stored, nothing after it runs.</summary>
    private sealed class DiesAfterCommit(IMonitoringStore inner) : ForwardingStore(inner)
    {
        public override async Task<bool> TryCommitAsync(MonitoringWindow window, MonitoringState state, string? etag, CancellationToken cancellationToken)
        {
            Assert.True(await base.TryCommitAsync(window, state, etag, cancellationToken));
            throw new IOException("The host died after storing the window.");
        }
    }

    private abstract class ForwardingStore(IMonitoringStore inner) : IMonitoringStore
    {
        public virtual Task<bool> TryCommitAsync(MonitoringWindow window, MonitoringState state, string? etag, CancellationToken cancellationToken) =>
            inner.TryCommitAsync(window, state, etag, cancellationToken);

        public Task<(MonitoringState State, string ETag)?> GetStateAsync(string model, CancellationToken cancellationToken) => inner.GetStateAsync(model, cancellationToken);

        public Task ReplaceWindowAsync(MonitoringWindow window, CancellationToken cancellationToken) => inner.ReplaceWindowAsync(window, cancellationToken);

        public Task<bool> TryReplaceStateAsync(MonitoringState state, string etag, CancellationToken cancellationToken) => inner.TryReplaceStateAsync(state, etag, cancellationToken);

        public Task<MonitoringWindow?> GetWindowAsync(string model, DateTimeOffset windowEnd, CancellationToken cancellationToken) => inner.GetWindowAsync(model, windowEnd, cancellationToken);

        public Task<IReadOnlyList<MonitoringWindow>> ListAsync(string model, int top, CancellationToken cancellationToken) => inner.ListAsync(model, top, cancellationToken);
    }
}
