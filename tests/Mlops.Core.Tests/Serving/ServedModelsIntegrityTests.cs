using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Errors;
using Mlops.Core.Registry;
using Mlops.Core.Serving;
using Mlops.Core.Tests.Training;
using Mlops.Testing;
using Moq;

namespace Mlops.Core.Tests.Serving;

/// <summary>A model.zip whose bytes are not the ones registered is never served; the last good version serves instead.</summary>
public sealed class ServedModelsIntegrityTests
{
    private const string Model = "cancer";
    private readonly Mock<IModelRegistry> registry = new();
    private readonly Mock<IModelArtifactStore> artifacts = new();
    private readonly TrainedSamples.Trained trained = TrainedSamples.Get(SampleDatasets.BreastCancer);
    private int champion = 1;
    private int tamperedDownloads;

    public ServedModelsIntegrityTests()
    {
        var zip = trained.Model.ModelZip;
        var sha = Convert.ToHexStringLower(SHA256.HashData(zip.ToMemory().Span));
        var bytes = zip.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        var tampered = BinaryData.FromBytes(bytes);
        foreach (var version in new[] { 1, 2 })
        {
            registry.Setup(r => r.GetVersionAsync(Model, version, It.IsAny<CancellationToken>())).ReturnsAsync(new ModelVersion(
                Model, version, DateTimeOffset.UnixEpoch, $"run-{version}", "FastTree", new Dictionary<string, string>(), new Dictionary<string, double>(),
                trained.Schema, new Lineage("cancer/a.csv", "e", "s", $"run-{version}", null), sha));
        }

        registry.Setup(r => r.GetAliasAsync(Model, Aliases.Champion, It.IsAny<CancellationToken>())).ReturnsAsync(() => new AliasState(Aliases.Champion, champion, "etag"));
        artifacts.Setup(a => a.ReadAsync(ArtifactPaths.ModelZip(Model, 1), It.IsAny<CancellationToken>())).ReturnsAsync(zip);
        artifacts.Setup(a => a.ReadAsync(ArtifactPaths.ModelZip(Model, 2), It.IsAny<CancellationToken>()))
            .Callback(() => Interlocked.Increment(ref tamperedDownloads))
            .ReturnsAsync(tampered);
    }

    [Fact]
    public async Task ATamperedChampion_IsRefused_AndTheLastGoodVersionKeepsServing()
    {
        var models = Served();
        Assert.Equal(1, (await models.GetChampionAsync(Model, CancellationToken.None)).Version);

        // The alias moves to a tampered version: it is loaded in the background while v1 answers, refused, and not
        // downloaded again on every request.
        champion = 2;
        var served = await models.GetChampionAsync(Model, CancellationToken.None);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref tamperedDownloads) == 0 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        var again = await models.GetChampionAsync(Model, CancellationToken.None);

        Assert.Equal(1, served.Version);
        Assert.Equal(1, again.Version);
        Assert.Equal(1, tamperedDownloads);
    }

    [Fact]
    public async Task ATamperedChampion_WithNothingGoodLoaded_AnswersUnavailableNamingTheCheck()
    {
        champion = 2;

        var refused = await Assert.ThrowsAsync<MlopsException>(() => Served().GetChampionAsync(Model, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.ServiceUnavailable, refused.Code);
        Assert.Contains("integrity check", refused.Message, StringComparison.Ordinal);
    }

    private ServedModels Served() => new(
        registry.Object,
        artifacts.Object,
        Options.Create(new ServingOptions { AliasRefreshSeconds = 0 }),
        TimeProvider.System,
        NullLogger<ServedModels>.Instance);
}
