using Mlops.Core.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Datasets;

/// <summary>A store holding one dataset's bytes, served as a seekable stream as a blob's is.</summary>
internal sealed class OneDatasetStore(byte[] content) : IDatasetStore
{
    public Task<Stream> OpenReadAsync(DatasetRef dataset, CancellationToken cancellationToken) => Task.FromResult<Stream>(new MemoryStream(content));

    public Task<StoredDataset> UploadAsync(string model, string fileName, BinaryData content, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredDataset> UploadAsync(string model, string fileName, Stream content, string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredDataset?> DescribeAsync(string blobName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string?> ReadSpecAsync(string model, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task WriteSpecAsync(string model, string json, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task QuarantineAsync(DatasetRef dataset, ValidationReport report, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ValidationReport?> ReadQuarantineReportAsync(string blobName, CancellationToken cancellationToken) => throw new NotSupportedException();
}
