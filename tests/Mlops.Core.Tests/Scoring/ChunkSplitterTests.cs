using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Scoring;
using Mlops.Core.Tests.Datasets;

namespace Mlops.Core.Tests.Scoring;

public class ChunkSplitterTests
{
    private static readonly DatasetSchema Schema = new([new ColumnSchema("x", ColumnKind.Numeric), new ColumnSchema("color", ColumnKind.Categorical)], "label", MlTask.BinaryClassification, ["no", "yes"]);

    [Fact]
    public async Task Split_25RowsBy10_WritesThreeChunksWithTheHeader_InInputOrder()
    {
        var file = CsvBuilder.WithColumns("id", "x", "color").Rows(25, i => [i.ToString(System.Globalization.CultureInfo.InvariantCulture), CsvBuilder.Number(i * 0.5), "red"]);
        var chunks = new Dictionary<int, string>();

        var split = await ChunkSplitter.SplitAsync(file.ToStream(), Schema, 10, Collect(chunks), default);

        Assert.Null(split.Problem);
        Assert.Equal(25, split.Rows);
        Assert.Equal(3, split.Chunks);
        Assert.Equal([0, 1, 2], chunks.Keys.Order());
        Assert.All(chunks.Values, c => Assert.StartsWith("id,x,color\n", c, StringComparison.Ordinal));
        var ids = chunks.OrderBy(c => c.Key).SelectMany(c => c.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)).Select(line => line.Split(',')[0]);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.Equal([11, 11, 6], chunks.OrderBy(c => c.Key).Select(c => c.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
    }

    [Fact]
    public async Task Split_HeaderWithoutTheModelsFeatures_NamesThemAndWritesNoChunk()
    {
        var file = CsvBuilder.WithColumns("id", "size").Rows(30, i => ["1", "2"]);
        var chunks = new Dictionary<int, string>();

        var split = await ChunkSplitter.SplitAsync(file.ToStream(), Schema, 10, Collect(chunks), default);

        Assert.Empty(chunks);
        Assert.Equal(["x", "color"], split.MissingColumns);
        Assert.Contains("lacks 2 columns the model needs: x, color", split.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_SemicolonFileWithDecimalCommas_WritesCommaDelimitedPointDecimals_QuotingWhatNeedsIt()
    {
        var text = "x;color;note\n1,5;red;\"a, b\"\n-2,25;blue;\"say \"\"hi\"\"\"\n";
        var chunks = new Dictionary<int, string>();

        var split = await ChunkSplitter.SplitAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), Schema, 10, Collect(chunks), default);

        Assert.Null(split.Problem);
        Assert.Equal("x,color,note\n1.5,red,\"a, b\"\n-2.25,blue,\"say \"\"hi\"\"\"\n", chunks[0]);
    }

    [Fact]
    public async Task Split_RaggedRow_IsAProblemNamingTheLine()
    {
        var text = "x,color\n1,red\n2,blue,extra\n";

        var split = await ChunkSplitter.SplitAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), Schema, 10, Collect([]), default);

        Assert.Contains("Line 3", split.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_FailingWriter_FailsTheSplit_WithoutLeavingTheReaderWaiting()
    {
        var file = CsvBuilder.WithColumns("x", "color").Rows(100, i => ["1", "red"]);

        var failed = ChunkSplitter.SplitAsync(file.ToStream(), Schema, 10, (_, _, _) => throw new IOException("storage is down"), default);

        await Assert.ThrowsAsync<IOException>(() => failed.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static Func<int, ReadOnlyMemory<byte>, CancellationToken, Task> Collect(Dictionary<int, string> chunks) => (index, bytes, _) =>
    {
        chunks[index] = Encoding.UTF8.GetString(bytes.Span);
        return Task.CompletedTask;
    };
}
