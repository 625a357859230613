using Mlops.Core.Datasets;

namespace Mlops.Workflows.Activities;

internal static class DatasetLoading
{
    /// <summary>Loads a dataset that validation already accepted; failing now means it changed or a bug, not bad data.</summary>
    /// <param name="loader">Reads the dataset.</param>
    /// <param name="dataset">The dataset validation accepted.</param>
    /// <param name="schema">The schema validation made of it: its dialect is how the file is read.</param>
    public static async Task<CsvDataset> LoadValidatedAsync(DatasetLoader loader, DatasetRef dataset, DatasetSchema schema)
    {
        var read = await loader.LoadAsync(dataset, schema.Dialect, CancellationToken.None);
        return read.Dataset ?? throw new InvalidOperationException(
            $"Dataset {dataset.BlobName} could not be read after it passed validation: {read.Error?.Message}");
    }
}
