using Microsoft.Extensions.Options;
using Mlops.Core.Ingestion;
using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>Reads a pinned dataset from the store, refusing anything over the configured size.</summary>
public sealed class DatasetLoader(IDatasetStore store, IOptions<IngestionOptions> options)
{
    /// <summary>
    /// Reads the whole dataset into memory, as training needs it, in <paramref name="dialect"/> (the one validation read
    /// it in); null detects it.
    /// </summary>
    public async Task<CsvReadResult> LoadAsync(DatasetRef dataset, CsvDialect? dialect, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        await using var source = await store.OpenReadAsync(dataset, cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return new CsvReadResult(null, new ValidationFinding(
                    Severity.Error, ValidationRules.DatasetTooLarge, null, SizeLimitedStream.TooLargeMessage(limit)));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return CsvDatasetReader.Read(buffer, CsvDialectHint.Exactly(dialect), cancellationToken);
    }

    /// <summary>
    /// Opens the dataset for one forward read without buffering it, for the profiler to stream in bounded memory.
    /// A read past the size limit fails with "dataset-too-large" (as <see cref="LoadAsync"/> does) when the stream goes
    /// through <see cref="CsvDatasetReader"/>, so validation never accepts what training could not load.
    /// </summary>
    public async Task<Stream> OpenAsync(DatasetRef dataset, CancellationToken cancellationToken)
    {
        var source = await store.OpenReadAsync(dataset, cancellationToken);
        return new SizeLimitedStream(source, options.Value.MaxUploadBytes);
    }
}
