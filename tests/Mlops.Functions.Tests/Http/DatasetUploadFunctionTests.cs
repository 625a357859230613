using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Ingestion;
using Mlops.Core.Validation;
using Mlops.Functions.Http;
using Mlops.Functions.Http.Contracts;
using Mlops.Storage;
using Mlops.Storage.Datasets;
using Mlops.Workflows;
using Moq;

namespace Mlops.Functions.Tests.Http;

public sealed class DatasetUploadFunctionTests(UploadStorageFixture fixture) : IClassFixture<UploadStorageFixture>
{
    [Fact]
    public async Task Run_ChunkedBodyOverTheLimit_Answers413ProblemNamingTheLimitAndSetting_WithoutReadingItAllOrStoringIt()
    {
        const long limit = 100_000;
        var body = new EndlessStream();
        var store = new RecordingDatasetStore();
        using var launcher = new RunLauncher(NullLogger<RunLauncher>.Instance);
        var function = new DatasetUploadFunction(store, launcher, Options.Create(new IngestionOptions { MaxUploadBytes = limit }), TimeProvider.System);

        var result = await function.Run(Request(body), "too-large", new Mock<DurableTaskClient>("test").Object, CancellationToken.None);

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem.StatusCode);
        Assert.Contains(ProblemResponses.ContentType, problem.ContentTypes);
        var details = Assert.IsType<ProblemDetails>(problem.Value);
        Assert.Equal("PAYLOAD_TOO_LARGE", details.Extensions["errorCode"]);
        Assert.Contains(limit.ToString("N0", CultureInfo.InvariantCulture), details.Detail, StringComparison.Ordinal);
        Assert.Contains("Ingestion__MaxUploadBytes", details.Detail, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, limit, limit + (1024 * 1024));
        Assert.Equal(0, store.Uploads);
    }

    [Fact]
    public async Task Run_ChunkedBody_StoresItWithTheSha256OfItsContentInTheBlobsMetadata()
    {
        var content = Csv(rows: 20_000);
        var model = $"upload-{Guid.NewGuid():N}"[..30];
        var function = ActivatorUtilities.CreateInstance<DatasetUploadFunction>(fixture.Services);
        var client = new Mock<DurableTaskClient>("test");

        var result = await function.Run(Request(new NonSeekableStream(content)), model, client.Object, CancellationToken.None);

        var accepted = Assert.IsType<DatasetAccepted>(Assert.IsType<AcceptedResult>(result).Value);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(sha256, accepted.Sha256);
        var blob = fixture.Services.GetRequiredService<StorageClients>().Container(StorageNames.DatasetsContainer).GetBlobClient(accepted.Dataset);
        var properties = await blob.GetPropertiesAsync();
        Assert.Equal(sha256, properties.Value.Metadata[BlobDatasetStore.Sha256Metadata]);
        Assert.Equal(content, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    private static HttpRequest Request(Stream body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "text/csv";
        context.Request.Body = body;
        return context.Request;
    }

    private static byte[] Csv(int rows)
    {
        var csv = new StringBuilder("a,b,label\n");
        for (var r = 0; r < rows; r++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r},{r % 17},{r % 2}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>Counts uploads; nothing else is expected of it.</summary>
    private sealed class RecordingDatasetStore : IDatasetStore
    {
        public int Uploads { get; private set; }

        public Task<StoredDataset> UploadAsync(string model, string fileName, BinaryData content, CancellationToken cancellationToken)
        {
            Uploads++;
            throw new NotSupportedException();
        }

        public Task<StoredDataset> UploadAsync(string model, string fileName, Stream content, string sha256, CancellationToken cancellationToken)
        {
            Uploads++;
            throw new NotSupportedException();
        }

        public Task<StoredDataset?> DescribeAsync(string blobName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenReadAsync(DatasetRef dataset, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> ReadSpecAsync(string model, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task WriteSpecAsync(string model, string json, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task QuarantineAsync(DatasetRef dataset, ValidationReport report, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ValidationReport?> ReadQuarantineReportAsync(string blobName, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
