using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Training.Search;
using Mlops.Storage;
using Mlops.Testing;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Tests.Recovery;

/// <summary>Checkpoints in the models container on Azurite: what a restarted run reuses, and what it must not.</summary>
public sealed class RunCheckpointsTests : IAsyncLifetime
{
    private AzuriteServices? services;

    private RunCheckpoints Checkpoints => new(services!.Get<IModelArtifactStore>());

    private IModelArtifactStore Artifacts => services!.Get<IModelArtifactStore>();

    public async Task InitializeAsync() => services = await AzuriteServices.StartAsync();

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Fact]
    public async Task ATrialMeasuredOnce_IsReusedForTheSameInputOnly()
    {
        var input = TrialInput(Unique(), trainer: "FastTree");
        var result = Completed(input);

        Assert.Null(await Checkpoints.ReadTrialAsync(input, CancellationToken.None));
        await Checkpoints.WriteTrialAsync(input, result, CancellationToken.None);

        Assert.Equivalent(result, await Checkpoints.ReadTrialAsync(input, CancellationToken.None));
        Assert.Null(await Checkpoints.ReadTrialAsync(input with { Trial = input.Trial with { Budget = 0.5 } }, CancellationToken.None));
        Assert.Null(await Checkpoints.ReadTrialAsync(input with { Dataset = input.Dataset with { Sha256 = new string('f', 64) } }, CancellationToken.None));
    }

    [Fact]
    public async Task AFailedTrial_IsNotReused()
    {
        var input = TrialInput(Unique(), trainer: "LightGbm");

        await Checkpoints.WriteTrialAsync(input, TrialResult.Failed(input.Trial, "OutOfMemory? no: a bad fit"), CancellationToken.None);

        Assert.Null(await Checkpoints.ReadTrialAsync(input, CancellationToken.None));
    }

    [Fact]
    public async Task TheSearchSoFar_IsEveryTrialFinishedInIndexOrder_FailuresIncluded_NoWinner()
    {
        var model = Unique();
        var first = TrialInput(model, trainer: "FastTree");
        var runId = first.RunId;
        var asOf = new DateTime(2026, 12, 6, 10, 0, 5, DateTimeKind.Utc);
        Assert.Null(await Checkpoints.ReadSearchSoFarAsync(model, runId, asOf, CancellationToken.None));

        var plan = new SearchPlan(SearchStrategy.Random, first.Settings, [new SearchRung(12, 1.0)], [], 2, 600, 100, [], MlTask.BinaryClassification);
        var started = asOf.AddSeconds(-5);
        await Checkpoints.WriteSearchStartAsync(model, new SearchStart(runId, first.Dataset.BlobName, plan, started), CancellationToken.None);
        var empty = await Checkpoints.ReadSearchSoFarAsync(model, runId, asOf, CancellationToken.None);
        Assert.NotNull(empty);
        Assert.True(empty.Partial);
        Assert.Empty(empty.Trials);

        // Indexes 2, 10 and 11 sort differently as blob names ("10.json" < "2.json") than as numbers.
        foreach (var (index, trainer) in new[] { (11, "LightGbm"), (2, "FastTree"), (10, "SdcaLogisticRegression") })
        {
            var input = first with { Trial = first.Trial with { Index = index, Configuration = first.Trial.Configuration with { Trainer = trainer } } };
            var result = index == 10 ? TrialResult.Failed(input.Trial, "cannot fit") : Completed(input);
            await Checkpoints.WriteTrialAsync(input, result, CancellationToken.None);
        }

        var soFar = await Checkpoints.ReadSearchSoFarAsync(model, runId, asOf, CancellationToken.None);

        Assert.NotNull(soFar);
        Assert.True(soFar.Partial);
        Assert.Equal([2, 10, 11], soFar.Trials.Select(t => t.Index));
        Assert.Equal([TrialStatus.Completed, TrialStatus.Failed, TrialStatus.Completed], soFar.Trials.Select(t => t.Status));
        Assert.Equal("SdcaLogisticRegression", soFar.Trials[1].Configuration.Trainer);
        Assert.Null(soFar.Winner);
        Assert.Equal(12, soFar.Rungs.Sum(r => r.Trials));
        Assert.Equal(started, soFar.StartedAt);
        Assert.Equal(asOf, soFar.EndedAt);
        Assert.Equal(first.Dataset.BlobName, soFar.Dataset);
    }

    [Fact]
    public async Task ATrainingCheckpoint_NeedsItsCandidateIntact()
    {
        var model = Unique();
        var input = new TrainModelInput($"{model}-0123456789abcdef", Dataset(model), Schema());
        var zip = BinaryData.FromBytes([1, 2, 3, 4]);
        var path = ArtifactPaths.Candidate(model, input.RunId);
        var summary = new TrainingSummary("FastTree", new Dictionary<string, string>(), new Dictionary<string, double> { ["auc"] = 0.9 }, 80, 20, path, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(zip.ToArray())));
        await Artifacts.WriteAsync(path, zip, CancellationToken.None);
        await Checkpoints.WriteTrainingAsync(input, summary, CancellationToken.None);

        Assert.Equivalent(summary, await Checkpoints.ReadTrainingAsync(input, CancellationToken.None));

        await Artifacts.WriteAsync(path, BinaryData.FromBytes([9, 9]), CancellationToken.None);
        Assert.Null(await Checkpoints.ReadTrainingAsync(input, CancellationToken.None));
    }

    private static string Unique() => $"cp-{Guid.NewGuid():N}"[..30];

    private static DatasetRef Dataset(string model) => new(model, $"{model}/a.csv", new string('a', 64), "\"etag\"");

    private static DatasetSchema Schema() =>
        new([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"]);

    private static RunTrialInput TrialInput(string model, string trainer) => new(
        $"{model}-0123456789abcdef",
        Dataset(model),
        Schema(),
        new TrialSettings(42, 0.2, 5, 5, "auc", ClassWeights: false, OneHotMaxCardinality: 100),
        new TrialRequest(3, 0, new TrialConfiguration(trainer, new Dictionary<string, double> { ["learningRate"] = 0.1 }), 1.0, null));

    private static TrialResult Completed(RunTrialInput input) =>
        new(input.Trial.Index, 0, input.Trial.Configuration, 1.0, TrialStatus.Completed, new Dictionary<string, double> { ["auc"] = 0.93 }, 5, 40, 2.5, null);
}
