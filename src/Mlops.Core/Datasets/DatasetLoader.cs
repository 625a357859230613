using Microsoft.Extensions.Options;
using Mlops.Core.Ingestion;

namespace Mlops.Core.Datasets;

/// <summary>Reads a pinned dataset from the store, refusing anything over <see cref="IngestionOptions.MaxDatasetBytes"/>.</summary>
public sealed class DatasetLoader(IDatasetStore store, IOptions<IngestionOptions> options)
{
    /// <summary>
    /// Reads the dataset into memory, as training needs it, in <paramref name="dialect"/> (the one validation read it in;
    /// null detects it), parsing it as it streams from the store (the file's bytes are never held whole). With
    /// <paramref name="sampling"/>, only its rows are kept.
    /// </summary>
    public async Task<CsvReadResult> LoadAsync(DatasetRef dataset, CsvDialect? dialect, RowSampling? sampling, CancellationToken cancellationToken)
    {
        await using var source = await OpenAsync(dataset, cancellationToken);
        return CsvDatasetReader.Read(source, CsvDialectHint.Exactly(dialect), sampling, cancellationToken);
    }

    /// <summary>
    /// Opens the dataset for one forward read without buffering it, for the profiler to stream in bounded memory.
    /// A read past the size limit fails with "dataset-too-large" (as <see cref="LoadAsync"/> does) when the stream goes
    /// through <see cref="CsvDatasetReader"/>, so validation never accepts what training could not load.
    /// </summary>
    public async Task<Stream> OpenAsync(DatasetRef dataset, CancellationToken cancellationToken)
    {
        var source = await store.OpenReadAsync(dataset, cancellationToken);
        return new SizeLimitedStream(source, options.Value.MaxDatasetBytes);
    }
}
