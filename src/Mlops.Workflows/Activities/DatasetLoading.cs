using Mlops.Core.Datasets;

namespace Mlops.Workflows.Activities;

internal static class DatasetLoading
{
    /// <summary>Loads a dataset that validation already accepted; failing now means it changed or a bug, not bad data.</summary>
    public static async Task<CsvDataset> LoadValidatedAsync(DatasetLoader loader, DatasetRef dataset)
    {
        var read = await loader.LoadAsync(dataset, CancellationToken.None);
        return read.Dataset ?? throw new InvalidOperationException(
            $"Dataset {dataset.BlobName} could not be read after it passed validation: {read.Error?.Message}");
    }
}
