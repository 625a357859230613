using System.Text;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Ingestion;
using Mlops.Core.Training;
using Mlops.Workflows.Activities;
using Moq;

namespace Mlops.Workflows.Tests;

/// <summary>One copy of a run's dataset per process, shared by its concurrent activities.</summary>
public class TrainingDatasetsTests
{
    private static readonly DatasetSchema Schema = new([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"]);

    private readonly Mock<IDatasetStore> store = new();
    private int opened;

    [Fact]
    public async Task ConcurrentActivities_ShareOneLoad_AndOneCopy()
    {
        var datasets = Datasets(failFirst: false);
        var dataset = new DatasetRef("m", "m/a.csv", new string('a', 64), "\"e\"");

        var loads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => datasets.LoadAsync(dataset, Schema))));

        Assert.Equal(1, opened);
        Assert.All(loads, load => Assert.Same(loads[0], load));
        Assert.Equal(300, loads[0].RowCount);
    }

    [Fact]
    public async Task AFailedLoad_IsNotKept_SoTheRetryReadsAgain()
    {
        var datasets = Datasets(failFirst: true);
        var dataset = new DatasetRef("m", "m/a.csv", new string('a', 64), "\"e\"");

        await Assert.ThrowsAsync<IOException>(() => datasets.LoadAsync(dataset, Schema));
        var retried = await datasets.LoadAsync(dataset, Schema);

        Assert.Equal(2, opened);
        Assert.Equal(300, retried.RowCount);
    }

    [Fact]
    public async Task OnlyTheLastDatasets_StayLoaded()
    {
        var datasets = Datasets(failFirst: false);
        DatasetRef Version(char c) => new("m", $"m/{c}.csv", new string(c, 64), "\"e\"");

        await datasets.LoadAsync(Version('a'), Schema);
        await datasets.LoadAsync(Version('b'), Schema);
        await datasets.LoadAsync(Version('c'), Schema);
        await datasets.LoadAsync(Version('c'), Schema);
        await datasets.LoadAsync(Version('b'), Schema);
        await datasets.LoadAsync(Version('a'), Schema);

        Assert.Equal(TrainingDatasets.Kept + 2, opened);
    }

    private TrainingDatasets Datasets(bool failFirst)
    {
        var csv = "x,label\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"{i},{(i % 2 == 0 ? "yes" : "no")}\n"));
        store.Setup(s => s.OpenReadAsync(It.IsAny<DatasetRef>(), It.IsAny<CancellationToken>())).Returns(async () =>
        {
            var attempt = Interlocked.Increment(ref opened);
            await Task.Delay(50);
            return failFirst && attempt == 1 ? throw new IOException("The connection was reset.") : new MemoryStream(Encoding.UTF8.GetBytes(csv));
        });
        var loader = new DatasetLoader(store.Object, Options.Create(new IngestionOptions()));
        return new TrainingDatasets(loader, Options.Create(new TrainingOptions()));
    }
}
