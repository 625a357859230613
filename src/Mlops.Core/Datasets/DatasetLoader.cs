using Microsoft.Extensions.Options;
using Mlops.Core.Ingestion;
using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>Reads a pinned dataset from the store into memory, refusing anything over the configured size.</summary>
public sealed class DatasetLoader(IDatasetStore store, IOptions<IngestionOptions> options)
{
    public async Task<CsvReadResult> LoadAsync(DatasetRef dataset, CancellationToken cancellationToken)
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
                    Severity.Error,
                    "dataset-too-large",
                    null,
                    $"The dataset is larger than the {limit:N0}-byte limit (Ingestion__MaxUploadBytes)."));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return CsvDatasetReader.Read(buffer, cancellationToken);
    }
}
