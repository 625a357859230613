using Microsoft.Extensions.Options;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;
using Mlops.Core.Ingestion;

namespace Mlops.Core.Datasets;

/// <summary>Reads a pinned dataset from the store, refusing anything over <see cref="IngestionOptions.MaxDatasetBytes"/>.</summary>
public sealed class DatasetLoader(IDatasetStore store, IOptions<IngestionOptions> options)
{
    /// <summary>
    /// Reads the dataset into typed columns, as training needs it, under the <paramref name="schema"/> validation made
    /// of it (its dialect is how the file is read), parsing it as it streams from the store (the file's bytes are
    /// never held whole). With <paramref name="sampling"/>, only its rows are kept.
    /// </summary>
    public async Task<ColumnarLoad> LoadAsync(DatasetRef dataset, DatasetSchema schema, RowSampling? sampling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        await using var source = await OpenAsync(dataset, cancellationToken);
        var builder = new ColumnarDatasetBuilder(schema, sampling);
        try
        {
            var read = await DatasetFiles.ReadAsync(source, Format(dataset), builder, CsvDialectHint.Exactly(schema.Dialect), cancellationToken);
            return read.Error is not null ? new ColumnarLoad(null, read.Error.Message) : new ColumnarLoad(builder.Build(), null);
        }
        catch (MlopsException e)
        {
            return new ColumnarLoad(null, e.Message);
        }
    }

    /// <summary>The dataset's format by its name; CSV for a name that says neither (a run started on it by hand).</summary>
    public static DatasetFormat Format(DatasetRef dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return DatasetFiles.FormatOf(dataset.BlobName) ?? DatasetFormat.Csv;
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
