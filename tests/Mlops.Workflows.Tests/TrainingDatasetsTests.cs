using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
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
    private readonly InMemoryColumnarCopyStore copies = new();
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
    public async Task TheSameFileUnderAnotherSchema_IsLoadedUnderThatSchema()
    {
        // A file trained again after its spec changed (another positive class, a column made categorical) keeps its
        // label and its feature count; the run must not read the copy typed under the first run's schema.
        var datasets = Datasets(failFirst: false);
        var dataset = new DatasetRef("m", "m/a.csv", new string('a', 64), "\"e\"");
        var flipped = Schema with { ClassLabels = ["yes", "no"] };
        var categorical = Schema with { Features = [new ColumnSchema("x", ColumnKind.Categorical)] };

        var first = await datasets.LoadAsync(dataset, Schema);
        var positive = await datasets.LoadAsync(dataset, flipped);
        var kinds = await datasets.LoadAsync(dataset, categorical);

        Assert.Equal(["yes", "no"], positive.Schema.ClassLabels);
        Assert.Equal(ColumnKind.Categorical, kinds.Schema.Features[0].Kind);
        Assert.NotSame(first, positive);
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

        // Evicted from the process, 'a' is loaded again, from its typed copy this time.
        Assert.Equal(TrainingDatasets.Kept + 2, opened + copies.Hits);
        Assert.Equal(3, opened);
    }

    [Fact]
    public async Task AnotherProcess_ReadsTheTypedCopy_InsteadOfTheDataset()
    {
        var first = Datasets(failFirst: false);
        var dataset = new DatasetRef("m", "m/a.csv", new string('a', 64), "\"e\"");
        var parsed = await first.LoadAsync(dataset, Schema);

        // A new process: nothing loaded, and the dataset itself unreadable, so only the copy can answer.
        store.Reset();
        store.Setup(s => s.OpenReadAsync(It.IsAny<DatasetRef>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("Not this time."));
        var copied = await Datasets(failFirst: false, setUp: false).LoadAsync(dataset, Schema);

        Assert.Equal(1, opened);
        Assert.Equal(1, copies.Count);
        Assert.Equal(parsed.Digests, copied.Digests);
        Assert.Equal(((NumberColumn)parsed.Features[0]).Values, ((NumberColumn)copied.Features[0]).Values);
        Assert.Equal(((CodedColumn)parsed.Label).Codes, ((CodedColumn)copied.Label).Codes);
    }

    [Fact]
    public async Task ADamagedCopy_IsACacheMiss()
    {
        var dataset = new DatasetRef("m", "m/a.csv", new string('a', 64), "\"e\"");
        var name = new ColumnarCopyKey(dataset, Schema, TrainingMemory.Sampling(new TrainingOptions(), Schema)).Name;
        await copies.WriteAsync(name, new MemoryStream(Encoding.UTF8.GetBytes("not parquet")), CancellationToken.None);

        var loaded = await Datasets(failFirst: false).LoadAsync(dataset, Schema);

        Assert.Equal(300, loaded.RowCount);
        Assert.Equal(1, opened);
        Assert.True(copies.Length(name) > 100, "the damaged copy is replaced by a good one");
    }

    private TrainingDatasets Datasets(bool failFirst, bool setUp = true)
    {
        var loader = new DatasetLoader(store.Object, Options.Create(new IngestionOptions()));
        var datasets = new TrainingDatasets(new ColumnarCopies(copies, loader, NullLogger<ColumnarCopies>.Instance), Options.Create(new TrainingOptions()));
        if (!setUp)
        {
            return datasets;
        }

        var csv = "x,label\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"{i},{(i % 2 == 0 ? "yes" : "no")}\n"));
        store.Setup(s => s.OpenReadAsync(It.IsAny<DatasetRef>(), It.IsAny<CancellationToken>())).Returns(async () =>
        {
            var attempt = Interlocked.Increment(ref opened);
            await Task.Delay(50);
            return failFirst && attempt == 1 ? throw new IOException("The connection was reset.") : new MemoryStream(Encoding.UTF8.GetBytes(csv));
        });
        return datasets;
    }
}
