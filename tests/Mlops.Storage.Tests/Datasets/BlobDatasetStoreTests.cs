using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Models;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Validation;
using Mlops.Storage.Datasets;

namespace Mlops.Storage.Tests.Datasets;

public class BlobDatasetStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IDatasetStore store = fixture.Get<IDatasetStore>();

    [Fact]
    public async Task UploadAsync_ThenDescribe_Sha256AndLengthMatchTheContent()
    {
        var model = TestModels.Unique("ds");
        var content = Csv(rows: 500);

        var uploaded = await store.UploadAsync(model, "data.csv", content, CancellationToken.None);
        var described = await store.DescribeAsync(uploaded.BlobName, CancellationToken.None);

        var expected = Convert.ToHexStringLower(SHA256.HashData(content.ToArray()));
        Assert.Equal($"{model}/data.csv", uploaded.BlobName);
        Assert.Equal(expected, uploaded.Sha256);
        Assert.NotNull(described);
        Assert.Equal(expected, described.Sha256);
        Assert.Equal(content.ToArray().Length, described.Length);
        Assert.Equal(uploaded.ETag, described.ETag);
        Assert.Equal(uploaded, described);
    }

    [Fact]
    public async Task UploadAsync_StoresSha256InMetadata()
    {
        var model = TestModels.Unique("ds");
        var uploaded = await store.UploadAsync(model, "data.csv", Csv(rows: 3), CancellationToken.None);

        var properties = await fixture.Clients.Container(StorageNames.DatasetsContainer).GetBlobClient(uploaded.BlobName).GetPropertiesAsync();

        Assert.Equal(uploaded.Sha256, properties.Value.Metadata[BlobDatasetStore.Sha256Metadata]);
    }

    [Fact]
    public async Task DescribeAsync_BlobWrittenByAnotherTool_HashesItsContent()
    {
        var model = TestModels.Unique("ds");
        var content = Csv(rows: 10);
        await fixture.Clients.Container(StorageNames.DatasetsContainer).GetBlobClient($"{model}/portal.csv").UploadAsync(content);

        var described = await store.DescribeAsync($"{model}/portal.csv", CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content.ToArray())), described?.Sha256);
    }

    [Fact]
    public async Task UploadAsync_SameNameOtherContent_ThrowsResourceAlreadyExists()
    {
        var model = TestModels.Unique("ds");
        await store.UploadAsync(model, "data.csv", Csv(rows: 3), CancellationToken.None);

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.UploadAsync(model, "data.csv", Csv(rows: 4), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.ResourceAlreadyExists, error.Code);
    }

    [Fact]
    public async Task UploadAsync_SameNameSameContent_AnswersTheBlobAlreadyThere()
    {
        // Identical uploads racing in one second pick the same name; the second is the same dataset, not a conflict.
        var model = TestModels.Unique("ds");
        var first = await store.UploadAsync(model, "data.csv", Csv(rows: 3), CancellationToken.None);

        var second = await store.UploadAsync(model, "data.csv", Csv(rows: 3), CancellationToken.None);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task UploadAsync_AStreamWithItsSha256_StoresTheContentWithThatSha256()
    {
        var model = TestModels.Unique("ds");
        var content = Csv(rows: 50).ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        await using var stream = new MemoryStream(content);

        var stored = await store.UploadAsync(model, "data.csv", stream, sha256, CancellationToken.None);

        Assert.Equal(new StoredDataset($"{model}/data.csv", stored.ETag, sha256, content.Length), stored);
        var blob = fixture.Clients.Container(StorageNames.DatasetsContainer).GetBlobClient(stored.BlobName);
        Assert.Equal(sha256, (await blob.GetPropertiesAsync()).Value.Metadata[BlobDatasetStore.Sha256Metadata]);
        Assert.Equal(content, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task DescribeAsync_MissingBlob_ReturnsNull()
    {
        Assert.Null(await store.DescribeAsync($"{TestModels.Unique("ds")}/none.csv", CancellationToken.None));
    }

    [Fact]
    public async Task OpenReadAsync_UnchangedBlob_ReadsTheContent()
    {
        var model = TestModels.Unique("ds");
        var content = Csv(rows: 20);
        var stored = await store.UploadAsync(model, "data.csv", content, CancellationToken.None);

        await using var stream = await store.OpenReadAsync(Ref(model, stored), CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content.ToArray(), copy.ToArray());
    }

    [Fact]
    public async Task OpenReadAsync_BlobChangedSinceTheRunStarted_ThrowsConflict()
    {
        var model = TestModels.Unique("ds");
        var stored = await store.UploadAsync(model, "data.csv", Csv(rows: 20), CancellationToken.None);
        await fixture.Clients.Container(StorageNames.DatasetsContainer).GetBlobClient(stored.BlobName).UploadAsync(Csv(rows: 21), overwrite: true);

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.OpenReadAsync(Ref(model, stored), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.Conflict, error.Code);
        Assert.Contains("changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_BlobDeleted_ThrowsNotFound()
    {
        var model = TestModels.Unique("ds");
        var stored = await store.UploadAsync(model, "data.csv", Csv(rows: 5), CancellationToken.None);
        await fixture.Clients.Container(StorageNames.DatasetsContainer).DeleteBlobAsync(stored.BlobName);

        var error = await Assert.ThrowsAsync<MlopsException>(() => store.OpenReadAsync(Ref(model, stored), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.ResourceDoesNotExist, error.Code);
    }

    [Fact]
    public async Task ReadSpecAsync_NoSpec_ReturnsNull()
    {
        Assert.Null(await store.ReadSpecAsync(TestModels.Unique("ds"), CancellationToken.None));
    }

    [Fact]
    public async Task ReadSpecAsync_SpecWithByteOrderMark_ReturnsItsText()
    {
        var model = TestModels.Unique("ds");
        const string spec = """{"label":"target","ignore":["id"]}""";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(spec)).ToArray();
        await fixture.Clients.Container(StorageNames.DatasetsContainer).GetBlobClient($"{model}/mlops.json").UploadAsync(BinaryData.FromBytes(bytes));

        Assert.Equal(spec, await store.ReadSpecAsync(model, CancellationToken.None));
    }

    [Fact]
    public async Task WriteSpecAsync_ReplacesTheSpec_AsJsonBesideTheDatasets()
    {
        var model = TestModels.Unique("ds");

        await store.WriteSpecAsync(model, """{"label":"a"}""", CancellationToken.None);
        await store.WriteSpecAsync(model, """{"label":"b"}""", CancellationToken.None);

        Assert.Equal("""{"label":"b"}""", await store.ReadSpecAsync(model, CancellationToken.None));
        var properties = await fixture.Clients.Container(StorageNames.DatasetsContainer).GetBlobClient($"{model}/mlops.json").GetPropertiesAsync();
        Assert.Equal("application/json", properties.Value.ContentType);
    }

    [Fact]
    public async Task QuarantineAsync_WritesTheCopyAndTheReport_AndIsIdempotent()
    {
        var model = TestModels.Unique("ds");
        var content = Csv(rows: 2);
        var stored = await store.UploadAsync(model, "bad.csv", content, CancellationToken.None);
        var report = new ValidationReport(
            [new ValidationFinding(Severity.Error, "too-few-rows", null, "The dataset has 2 rows; at least 20 are needed.")],
            null,
            2,
            3);

        await store.QuarantineAsync(Ref(model, stored), report, CancellationToken.None);
        await store.QuarantineAsync(Ref(model, stored), report, CancellationToken.None);

        var quarantine = fixture.Clients.Container(StorageNames.QuarantineContainer);
        var copy = await quarantine.GetBlobClient(stored.BlobName).DownloadContentAsync();
        Assert.Equal(content.ToArray(), copy.Value.Content.ToArray());
        var json = (await quarantine.GetBlobClient(stored.BlobName + ".report.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"severity\":\"error\"", json, StringComparison.Ordinal);
        Assert.Contains("\"rule\":\"too-few-rows\"", json, StringComparison.Ordinal);
        var readBack = await store.ReadQuarantineReportAsync(stored.BlobName, CancellationToken.None);
        Assert.NotNull(readBack);
        Assert.Equal(report.Findings, readBack.Findings);
        Assert.Equal(2, readBack.Rows);
        Assert.False(readBack.Passed);
        var blobs = new List<string>();
        await foreach (var blob in quarantine.GetBlobsAsync(new GetBlobsOptions { Prefix = model + "/" }))
        {
            blobs.Add(blob.Name);
        }

        Assert.Equal([stored.BlobName, stored.BlobName + ".report.json"], blobs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task QuarantineAsync_BlobChangedSinceTheRunStarted_ThrowsConflict()
    {
        var model = TestModels.Unique("ds");
        var stored = await store.UploadAsync(model, "bad.csv", Csv(rows: 2), CancellationToken.None);
        await fixture.Clients.Container(StorageNames.DatasetsContainer).GetBlobClient(stored.BlobName).UploadAsync(Csv(rows: 3), overwrite: true);

        var error = await Assert.ThrowsAsync<MlopsException>(
            () => store.QuarantineAsync(Ref(model, stored), new ValidationReport([], null, 0, 0), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task ReadQuarantineReportAsync_NotQuarantined_ReturnsNull()
    {
        Assert.Null(await store.ReadQuarantineReportAsync($"{TestModels.Unique("ds")}/data.csv", CancellationToken.None));
    }

    [Theory]
    [InlineData("../datasets/x.csv")]
    [InlineData("model/../other/x.csv")]
    [InlineData("/model/x.csv")]
    [InlineData("model\\x.csv")]
    [InlineData("model//x.csv")]
    [InlineData("Model/x.csv")]
    [InlineData("x.csv")]
    [InlineData("")]
    public async Task DescribeAsync_UnsafeBlobName_ThrowsInvalid(string blobName)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => store.DescribeAsync(blobName, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    [Theory]
    [InlineData("../x.csv")]
    [InlineData("..")]
    [InlineData("sub/x.csv")]
    [InlineData("sub\\x.csv")]
    [InlineData("")]
    public async Task UploadAsync_UnsafeFileName_ThrowsInvalid(string fileName)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => store.UploadAsync("model", fileName, Csv(rows: 1), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    [Fact]
    public async Task UploadAsync_InvalidModelName_ThrowsInvalidNamingTheRule()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => store.UploadAsync("Bad_Model", "x.csv", Csv(rows: 1), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
        Assert.Contains("lower-case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuarantineAsync_RefOutsideItsModelFolder_ThrowsInvalid()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(
            () => store.QuarantineAsync(new DatasetRef("alpha", "beta/x.csv", "00", "\"etag\""), new ValidationReport([], null, 0, 0), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    private static DatasetRef Ref(string model, StoredDataset stored) => new(model, stored.BlobName, stored.Sha256, stored.ETag);

    private static BinaryData Csv(int rows)
    {
        var text = new StringBuilder("x,y,label\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(i).Append(',').Append(i * 0.5).Append(',').Append(i % 2).Append('\n');
        }

        return BinaryData.FromString(text.ToString());
    }
}
