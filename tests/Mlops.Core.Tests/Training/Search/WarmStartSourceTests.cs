using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

public class WarmStartSourceTests
{
    private const string Model = "bc";
    private const string RunId = "bc-run-2";

    private static readonly TrialConfiguration ChampionConfiguration = Lbfgs(0.37, 0.0021);

    [Fact]
    public async Task LoadAsync_ChampionAndItsSearch_TheChampionsHyperparametersAndItsSearchsBestOtherConfigurations()
    {
        var artifacts = new FakeArtifacts();
        artifacts.Write(ArtifactPaths.Trials(Model, RunId), Record(
        [
            Trial(0, Lbfgs(1, 1), 0.95),
            Trial(1, ChampionConfiguration, 0.99),
            Trial(2, Lbfgs(0.5, 0.5), 0.97),
            Trial(3, Lbfgs(0.2, 0.2), 0.96),
            Trial(4, Lbfgs(0.5, 0.5), 0.97),
            Trial(5, Lbfgs(0.1, 0.1), 0.999) with { Status = TrialStatus.StoppedEarly },
            Trial(6, Lbfgs(0.3, 0.3), 0) with { Status = TrialStatus.Failed, Metrics = new Dictionary<string, double>() },
            Trial(7, Lbfgs(0.4, 0.4), 0.98),
        ]));

        var warm = await Source(Registry(Champion()), artifacts).LoadAsync(Model, default);

        Assert.NotNull(warm);
        Assert.Equal(2, warm.Version);
        Assert.Equal(ChampionConfiguration, warm.Champion);
        Assert.Equal([Lbfgs(0.4, 0.4), Lbfgs(0.5, 0.5), Lbfgs(0.2, 0.2)], warm.BestTrials);
    }

    [Fact]
    public async Task LoadAsync_Halving_RanksOnlyTheLargestBudgetsTrials()
    {
        var artifacts = new FakeArtifacts();
        artifacts.Write(ArtifactPaths.Trials(Model, RunId), Record(
        [
            Trial(0, Lbfgs(0.1, 0.1), 0.999),
            Trial(1, Lbfgs(0.2, 0.2), 0.90),
            Trial(2, Lbfgs(0.2, 0.2), 0.95) with { Rung = 1 },
            Trial(3, ChampionConfiguration, 0.97) with { Rung = 1 },
        ]));

        var warm = await Source(Registry(Champion()), artifacts).LoadAsync(Model, default);

        Assert.Equal([Lbfgs(0.2, 0.2)], warm!.BestTrials);
    }

    [Fact]
    public async Task LoadAsync_NoChampion_IsNull()
    {
        Assert.Null(await Source(Registry(null), new FakeArtifacts()).LoadAsync(Model, default));
    }

    [Fact]
    public async Task LoadAsync_WarmStartOff_IsNull()
    {
        var source = new WarmStartSource(Registry(Champion()), new FakeArtifacts(), Options.Create(new TrainingOptions { WarmStart = false }), NullLogger<WarmStartSource>.Instance);

        Assert.Null(await source.LoadAsync(Model, default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{\"runId\": \"bc-run-2\", \"trials\": [{\"index\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{}")]
    public async Task LoadAsync_SearchRecordMissingOrUnreadable_TheChampionAlone(string? record)
    {
        var artifacts = new FakeArtifacts();
        if (record is not null)
        {
            artifacts.Write(ArtifactPaths.Trials(Model, RunId), BinaryData.FromString(record));
        }

        var warm = await Source(Registry(Champion()), artifacts).LoadAsync(Model, default);

        Assert.Equal(ChampionConfiguration, warm?.Champion);
        Assert.Empty(warm!.BestTrials);
    }

    [Fact]
    public void Configuration_TakesOnlyTheTrainersHyperparameters()
    {
        var configuration = WarmStartSource.Configuration(Champion());

        Assert.Equal(ChampionConfiguration, configuration);
    }

    [Fact]
    public void Configuration_TrainerNotInTheCatalog_IsNull()
    {
        Assert.Null(WarmStartSource.Configuration(Champion() with { Trainer = "SomeRetiredTrainer" }));
    }

    [Fact]
    public void Configuration_BlendedChampion_TheWinningMembersConfiguration()
    {
        var blended = Champion() with
        {
            Trainer = "Ensemble(LbfgsLogisticRegression, FastTreeBinary)",
            Parameters = new Dictionary<string, string>
            {
                ["member0.trainer"] = "LbfgsLogisticRegression",
                ["member0.l2Regularization"] = "0.37",
                ["member0.l1Regularization"] = "0.0021",
                ["member1.trainer"] = "FastTreeBinary",
                ["member1.numberOfTrees"] = "50",
                ["weight"] = "0.6",
            },
        };

        Assert.Equal(ChampionConfiguration, WarmStartSource.Configuration(blended));
    }

    private static WarmStartSource Source(IModelRegistry registry, IModelArtifactStore artifacts) =>
        new(registry, artifacts, Options.Create(new TrainingOptions()), NullLogger<WarmStartSource>.Instance);

    private static FakeRegistry Registry(ModelVersion? champion) => new(champion);

    /// <summary>Version 2 as RegisterModel writes it: every hyperparameter as set, and how it was trained and chosen.</summary>
    private static ModelVersion Champion() => new(
        Model,
        2,
        DateTimeOffset.UnixEpoch,
        RunId,
        "LbfgsLogisticRegression",
        new Dictionary<string, string>
        {
            ["l2Regularization"] = "0.37",
            ["l1Regularization"] = "0.0021",
            ["seed"] = "42",
            ["holdoutFraction"] = "0.2",
            ["selectedTrial"] = "1",
            ["searchTrials"] = "8",
            ["selectionMetric"] = "auc",
            ["validation.auc"] = "0.99",
        },
        new Dictionary<string, double> { ["auc"] = 0.98 },
        new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"]),
        new Lineage("bc/b.csv", "etag", "sha", RunId, 1),
        "sha");

    private static TrialConfiguration Lbfgs(double l2, double l1) =>
        new("LbfgsLogisticRegression", new Dictionary<string, double> { ["l2Regularization"] = l2, ["l1Regularization"] = l1 });

    private static TrialResult Trial(int index, TrialConfiguration configuration, double auc) =>
        new(index, 0, configuration, 1, TrialStatus.Completed, new Dictionary<string, double> { ["auc"] = auc }, 5, 1, 0.1, null);

    private static BinaryData Record(IReadOnlyList<TrialResult> trials)
    {
        var start = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
        var record = new SearchRecord(RunId, "bc/b.csv", SearchStrategy.Random, Trials.Settings(), [new SearchRung(trials.Count, 1)], 2, 600, 455, [], trials, 1, "The plan ran.", start, start);
        return BinaryData.FromObjectAsJson(record, MlopsJson.Options);
    }

    private sealed class FakeArtifacts : IModelArtifactStore
    {
        private readonly Dictionary<string, BinaryData> blobs = new(StringComparer.Ordinal);

        public void Write(string path, BinaryData content) => blobs[path] = content;

        public Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken) => Task.FromResult(blobs.GetValueOrDefault(path));

        public Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CreateAsync(string path, BinaryData content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> DeleteVersionAsync(string model, int version, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>A model whose champion alias is on <c>champion</c>, or that has none.</summary>
    private sealed class FakeRegistry(ModelVersion? champion) : IModelRegistry
    {
        public Task<AliasState?> GetAliasAsync(string model, string aliasName, CancellationToken cancellationToken) =>
            Task.FromResult(champion is not null && aliasName == Aliases.Champion ? new AliasState(aliasName, champion.Version, "\"1\"") : null);

        public Task<ModelVersion?> GetVersionAsync(string model, int version, CancellationToken cancellationToken) =>
            Task.FromResult(champion?.Version == version ? champion : null);

        public Task<int> ReserveVersionAsync(string model, string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CommitVersionAsync(ModelVersion version, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string model, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AliasState>> ListAliasesAsync(string model, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> TrySetAliasAsync(string model, string aliasName, int version, string? expectedETag, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<bool> TryRemoveAliasAsync(string model, string aliasName, string expectedETag, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
