using Mlops.Core.Errors;
using Mlops.Core.Registry;

namespace Mlops.Storage.Tests.Registry;

public class BlobModelArtifactStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IModelArtifactStore store = fixture.Get<IModelArtifactStore>();

    [Fact]
    public async Task WriteAsync_ThenRead_ReturnsTheBytes_AndOverwriteIsARetry()
    {
        var path = ArtifactPaths.ModelZip(TestModels.Unique("art"), 1);

        await store.WriteAsync(path, BinaryData.FromBytes([1, 2, 3]), CancellationToken.None);
        await store.WriteAsync(path, BinaryData.FromBytes([4, 5]), CancellationToken.None);

        Assert.Equal([4, 5], (await store.ReadAsync(path, CancellationToken.None))?.ToArray());
    }

    [Fact]
    public async Task CreateAsync_WritesOnce_ARetryWithTheSameBytesSucceeds_DifferentBytesAreRefused()
    {
        var path = ArtifactPaths.ModelZip(TestModels.Unique("art"), 1);

        await store.CreateAsync(path, BinaryData.FromBytes([1, 2, 3]), CancellationToken.None);
        await store.CreateAsync(path, BinaryData.FromBytes([1, 2, 3]), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(path, BinaryData.FromBytes([9]), CancellationToken.None));

        Assert.Contains("immutable", refused.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], (await store.ReadAsync(path, CancellationToken.None))?.ToArray());
    }

    [Fact]
    public async Task WriteAsync_LandsInTheModelsContainer()
    {
        var path = ArtifactPaths.Candidate(TestModels.Unique("art"), "run-1");

        await store.WriteAsync(path, BinaryData.FromString("zip"), CancellationToken.None);

        Assert.True((await fixture.Clients.Container(StorageNames.ModelsContainer).GetBlobClient(path).ExistsAsync()).Value);
    }

    [Fact]
    public async Task ReadAsync_Missing_ReturnsNull()
    {
        Assert.Null(await store.ReadAsync(ArtifactPaths.Manifest(TestModels.Unique("art"), 3), CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_NamesWhatIsInTheFolderOnly()
    {
        var model = TestModels.Unique("art");
        var folder = ArtifactPaths.TrialCheckpoints(model, $"{model}-0123456789abcdef");
        Assert.Empty(await store.ListAsync(folder, CancellationToken.None));

        await store.WriteAsync($"{folder}2.json", BinaryData.FromString("{}"), CancellationToken.None);
        await store.WriteAsync($"{folder}10.json", BinaryData.FromString("{}"), CancellationToken.None);
        await store.WriteAsync(ArtifactPaths.Trials(model, $"{model}-0123456789abcdef"), BinaryData.FromString("{}"), CancellationToken.None);

        Assert.Equal([$"{folder}10.json", $"{folder}2.json"], await store.ListAsync(folder, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_NotAFolder_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync("m/1", CancellationToken.None));
    }

    [Theory]
    [InlineData("../x/")]
    [InlineData("m/../../")]
    public async Task ListAsync_UnsafeFolder_ThrowsInvalid(string folder)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => store.ListAsync(folder, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    [Theory]
    [InlineData("../models/x.zip")]
    [InlineData("m/../../x.zip")]
    [InlineData("/m/1/model.zip")]
    [InlineData("m\\1\\model.zip")]
    public async Task WriteAsync_UnsafePath_ThrowsInvalid(string path)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => store.WriteAsync(path, BinaryData.FromString("x"), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }
}
