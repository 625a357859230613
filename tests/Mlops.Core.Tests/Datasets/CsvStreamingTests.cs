using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Datasets;

/// <summary>The reader as a stream: rows reach the sink as parsed, and bytes are checked wherever buffers split them.</summary>
public class CsvStreamingTests
{
    private static (CsvStreamResult Result, List<string[]> Rows) Stream(Stream stream, int maxRowBytes = 1 << 20)
    {
        var sink = new Collector();
        var result = CsvDatasetReader.Read(stream, sink, maxRowBytes, CancellationToken.None);
        return (result, sink.Rows);
    }

    /// <summary>Rows of "i,text" long enough to cross the reader's 64 KB buffers many times.</summary>
    private static string LongText(int rows, string text) =>
        "id,text\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i},{text}\n"));

    [Fact]
    public void Read_HandsEveryRowToTheSink()
    {
        var (result, rows) = Stream(CsvBuilder.Typical(25).ToStream());

        Assert.Null(result.Error);
        Assert.Equal(["x", "color", "size", "label"], result.Columns);
        Assert.Equal(25, result.Rows);
        Assert.Equal(25, rows.Count);
    }

    [Fact]
    public void Read_MultiByteCharactersAcrossBufferBoundaries_AreKept()
    {
        // Three-byte and four-byte characters at every alignment against the buffer size.
        var text = LongText(20_000, "日本語😀é");

        var (result, rows) = Stream(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Null(result.Error);
        Assert.All(rows, r => Assert.Equal("日本語😀é", r[1]));
    }

    [Fact]
    public void Read_OneByteAtATime_ReadsTheSame()
    {
        var bytes = CsvBuilder.Encode(LongText(300, "\"quoted, with comma\"") + "300,ünï😀\n", bom: true);

        var (result, rows) = Stream(new TrickleStream(bytes));

        Assert.Null(result.Error);
        Assert.Equal(301, rows.Count);
        Assert.Equal("quoted, with comma", rows[0][1]);
        Assert.Equal("ünï😀", rows[^1][1]);
        Assert.Equal("id", result.Columns![0]);
    }

    [Fact]
    public void Read_BadByteFarIntoAUtf8File_NamesItsOffsetAndLine()
    {
        var head = Encoding.UTF8.GetBytes(LongText(10_000, "abç"));
        byte[] bytes = [.. head, .. "10000,x"u8, 0xFF, .. "y\n"u8];

        var (result, _) = Stream(new MemoryStream(bytes));

        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
        Assert.Contains($"byte 0xFF at byte offset {head.Length + 7} (line 10002)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NulByte_IsBadEncoding()
    {
        // One zero byte, not the zero on every other byte that UTF-16 text has: a binary file, or a damaged one.
        var bytes = "a\0,label\n1,x\n"u8.ToArray();

        var (result, _) = Stream(new MemoryStream(bytes));

        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
        Assert.Contains("NUL byte at byte offset 1 (line 1)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_StopsAtTheRowLimitNamingWhereTheRowStarts()
    {
        var text = "id,text\n1,fine\n2,\"never closed\n" + string.Concat(Enumerable.Repeat("3,more\n", 100_000));

        var (result, _) = Stream(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxRowBytes: 64 * 1024);

        Assert.Equal(ValidationRules.MalformedCsv, result.Error!.Rule);
        Assert.Contains("row starting at line 3 runs on for more than 65,536 bytes", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("closing quote", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LongQuotedFieldsWithDoubledQuotes_AreNotRunaways()
    {
        var field = "\"" + string.Concat(Enumerable.Repeat("say \"\"hi\"\"\n", 3_000)) + "\"";
        var text = "id,text\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{field}\n"));

        var (result, rows) = Stream(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxRowBytes: 64 * 1024);

        Assert.Null(result.Error);
        Assert.Equal(20, rows.Count);
        Assert.StartsWith("say \"hi\"\n", rows[0][1], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CarriageReturnLineEnds_EndRowsForTheRowLimit()
    {
        // Old Mac line ends: the parser splits rows on a lone '\r', so the runaway-row guard must as well.
        var text = "a,b\r" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i},x\r"));

        var (result, rows) = Stream(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxRowBytes: 1_000);

        Assert.Null(result.Error);
        Assert.Equal(5_000, rows.Count);
    }

    [Fact]
    public void Read_MoreColumnsThanTheBound_IsRejectedBeforeAnyRow()
    {
        var names = Enumerable.Range(0, CsvDatasetReader.MaxColumns + 1).Select(i => $"c{i}").ToList();
        var text = string.Join(',', names) + "\n" + string.Join(',', names.Select(_ => "1")) + "\n";

        var (result, rows) = Stream(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(ValidationRules.TooManyColumns, result.Error!.Rule);
        Assert.Contains($"names {CsvDatasetReader.MaxColumns + 1} columns; at most {CsvDatasetReader.MaxColumns}", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(rows);
    }

    [Fact]
    public void Read_RaggedRowDeepInTheFile_NamesItsLine()
    {
        var text = LongText(50_000, "abc") + "50000\n";

        var (result, _) = Stream(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Contains("Line 50002 has 1 field(s)", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_PastTheSizeLimit_FailsTheReadAsTooLarge()
    {
        var bytes = CsvBuilder.Typical(200).ToBytes();
        var loader = new DatasetLoader(new OneDatasetStore(bytes), Microsoft.Extensions.Options.Options.Create(new Ingestion.IngestionOptions { MaxUploadBytes = 1000, MaxDatasetBytes = 1000 }));
        var dataset = new DatasetRef("m", "m/x.csv", "00", "etag");

        await using var stream = await loader.OpenAsync(dataset, CancellationToken.None);
        var (result, _) = Stream(stream);

        Assert.Equal(ValidationRules.DatasetTooLarge, result.Error!.Rule);
        Assert.Equal(result.Error.Message, (await loader.LoadAsync(dataset, new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.Regression, []), sampling: null, CancellationToken.None)).Error);
    }

    [Fact]
    public async Task OpenAsync_WithinTheLimit_StreamsTheDataset()
    {
        var bytes = CsvBuilder.Typical(200).ToBytes();
        var loader = new DatasetLoader(new OneDatasetStore(bytes), Microsoft.Extensions.Options.Options.Create(new Ingestion.IngestionOptions { MaxUploadBytes = bytes.Length, MaxDatasetBytes = bytes.Length }));

        await using var stream = await loader.OpenAsync(new DatasetRef("m", "m/x.csv", "00", "etag"), CancellationToken.None);
        var (result, rows) = Stream(stream);

        Assert.Null(result.Error);
        Assert.Equal(200, rows.Count);
    }

    private sealed class Collector : ICsvRowSink
    {
        public List<string[]> Rows { get; } = [];

        public void Header(IReadOnlyList<string> columns)
        {
        }

        public void Row(CsvRow row)
        {
            var cells = new string[row.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = row.GetString(i);
            }

            Rows.Add(cells);
        }
    }

    /// <summary>A network-like stream that hands out one byte per read.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(1, buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(1, count));
    }
}
