using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;

namespace Mlops.Workflows.Activities;

/// <summary>
/// The datasets runs train on, loaded once per process and shared: a run's planning, its concurrent trials, the refit
/// and the evaluation read the same copy instead of each downloading and parsing the file into its own, and a process
/// reads the dataset's stored typed copy when an activity elsewhere already made it (<see cref="ColumnarCopies"/>). A dataset
/// whose rows exceed the training memory budget is loaded as a sample (<see cref="TrainingMemory"/>). The last
/// <see cref="Kept"/> datasets stay; a load that failed is forgotten, so a retry reads again.
/// </summary>
public sealed class TrainingDatasets(ColumnarCopies loader, IOptions<TrainingOptions> options)
{
    /// <summary>Datasets kept loaded: one run's, and the next run's while the last activities of the first finish.</summary>
    public const int Kept = 2;

    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, Lazy<Task<ColumnarDataset>> Load)> loaded = new();

    /// <summary>Loads a dataset that validation already accepted; failing now means it changed or a bug, not bad data.</summary>
    /// <param name="dataset">The dataset validation accepted.</param>
    /// <param name="schema">The schema validation made of it: its dialect is how the file is read, its label the strata of a sample.</param>
    public Task<ColumnarDataset> LoadAsync(DatasetRef dataset, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(schema);
        // The whole schema names the load, as it names the typed copy: a file trained again after its spec changed
        // (another positive class, a column made categorical) keeps its label and feature count but is typed anew.
        var copy = new ColumnarCopyKey(dataset, schema, TrainingMemory.Sampling(options.Value, schema));
        var key = $"{dataset.BlobName}|{copy.Name}";
        Lazy<Task<ColumnarDataset>> load;
        lock (gate)
        {
            var node = loaded.First;
            while (node is not null && node.Value.Key != key)
            {
                node = node.Next;
            }

            if (node is not null)
            {
                loaded.Remove(node);
                loaded.AddFirst(node);
                load = node.Value.Load;
            }
            else
            {
                load = new Lazy<Task<ColumnarDataset>>(() => ReadAsync(copy));
                loaded.AddFirst((key, load));
                while (loaded.Count > Kept)
                {
                    loaded.RemoveLast();
                }
            }
        }

        return ForgetOnFailureAsync(key, load);
    }

    private async Task<ColumnarDataset> ForgetOnFailureAsync(string key, Lazy<Task<ColumnarDataset>> load)
    {
        try
        {
            return await load.Value;
        }
        catch
        {
            lock (gate)
            {
                for (var node = loaded.First; node is not null; node = node.Next)
                {
                    if (node.Value.Key == key && ReferenceEquals(node.Value.Load, load))
                    {
                        loaded.Remove(node);
                        break;
                    }
                }
            }

            throw;
        }
    }

    private async Task<ColumnarDataset> ReadAsync(ColumnarCopyKey copy)
    {
        var read = await loader.LoadAsync(copy, CancellationToken.None);
        return read.Dataset ?? throw new InvalidOperationException(
            $"Dataset {copy.Dataset.BlobName} could not be read after it passed validation: {read.Error}");
    }
}
