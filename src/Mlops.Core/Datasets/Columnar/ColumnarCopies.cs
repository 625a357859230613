using Microsoft.Extensions.Logging;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// Each accepted dataset's typed copy (<see cref="ColumnarParquet"/>), so that a dataset is parsed once per run, not
/// once per instance: the first activity that needs the dataset in a process reads the copy, or, when there is none,
/// parses the dataset and writes the copy for the others. A copy is named by the dataset's content hash and by what
/// shaped it (<see cref="ColumnarCopyKey"/>), so it can never stand for other data, and an unreadable or stale one is
/// only a cache miss. The copy is a cache: losing it costs one parse, and the store expires copies some days after
/// they are written (a lifecycle rule in Azure).
/// </summary>
public sealed class ColumnarCopies(IColumnarCopyStore store, DatasetLoader loader, ILogger<ColumnarCopies> logger)
{
    public async Task<ColumnarLoad> LoadAsync(ColumnarCopyKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (await TryReadAsync(key.Name, key.Schema, cancellationToken) is { } copy)
        {
            logger.CopyRead(key.Dataset.BlobName, key.Name, copy.RowCount);
            return new ColumnarLoad(copy, null);
        }

        var load = await loader.LoadAsync(key.Dataset, key.Schema, key.Sampling, cancellationToken);
        if (load.Dataset is { } loaded)
        {
            await TryWriteAsync(key.Name, loaded, cancellationToken);
        }

        return load;
    }

    private async Task<ColumnarDataset?> TryReadAsync(string name, DatasetSchema schema, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(name, cancellationToken);
            return stream is null ? null : await ColumnarParquet.ReadAsync(stream, schema, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A damaged copy is a cache miss: the dataset itself is still there to read.
            logger.CopyUnreadable(name, e.Message);
            return null;
        }
    }

    private async Task TryWriteAsync(string name, ColumnarDataset data, CancellationToken cancellationToken)
    {
        try
        {
            // A file, not memory: the copy of a large dataset would double what the process holds.
            var path = Path.Combine(Path.GetTempPath(), $"mlops-columnar-{Guid.NewGuid():N}.parquet");
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await ColumnarParquet.WriteAsync(data, file, cancellationToken);
            file.Position = 0;
            await store.WriteAsync(name, file, cancellationToken);
            logger.CopyWritten(name, data.RowCount, file.Length);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without a copy, each instance parses the dataset itself: slower, not wrong.
            logger.CopyNotWritten(name, e.Message);
        }
    }
}
