using System.Globalization;
using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Scoring;
using Mlops.Core.Tests.Datasets;
using nietras.SeparatedValues;

namespace Mlops.Core.Tests.Scoring;

public class CsvRowIndexerTests
{
    [Fact]
    public async Task Index_25RowsBy10_CutsThreeRangesThatHoldTheirRowsInOrder()
    {
        var file = CsvBuilder.WithColumns("id", "x").Rows(25, i => [i.ToString(CultureInfo.InvariantCulture), CsvBuilder.Number(i * 0.5)]).ToBytes();

        var index = await CsvRowIndexer.IndexAsync(new MemoryStream(file), ',', 10, default);

        Assert.Equal(25, index.Rows);
        Assert.Equal(file.Length, index.End);
        var chunks = index.Chunks();
        Assert.Equal([(0, 1L, 10), (1, 11L, 10), (2, 21L, 5)], chunks.Select(c => (c.Chunk, c.FirstRow, c.Rows)));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString(CultureInfo.InvariantCulture)), chunks.SelectMany(c => Ids(file, c, ',')));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task Index_QuotedLineBreaks_EscapedQuotes_CrLf_BlankLines_AndNoFinalLineBreak_AreRowsAsTheParserReadsThem(int readSize)
    {
        // Row 2's note holds a CRLF and quotes inside quotes; blank lines (spaces, a tab) sit between rows and at the end.
        var text = "id,note\r\n1,plain\r\n2,\"two\r\nlines, \"\"quoted\"\"\"\r\n\r\n   \r\n3,\"\"\r\n\t\r\n4,x\r\n5,\"a,b\"\r\n\r\n6,last";
        var file = CsvBuilder.Encode(text, bom: true);

        var index = await CsvRowIndexer.IndexAsync(new TrickleStream(file, readSize), ',', 2, default);

        Assert.Equal(6, index.Rows);
        var chunks = index.Chunks();
        Assert.Equal([2, 2, 2], chunks.Select(c => c.Rows));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], chunks.SelectMany(c => Ids(file, c, ',')));
        Assert.Equal("two\r\nlines, \"quoted\"", Cells(file, chunks[0], ',')[1][1]);
    }

    [Fact]
    public async Task Index_AfterALeadingRow_TheHeaderIsTheSecondLine_AndNotARow()
    {
        var file = Encoding.UTF8.GetBytes("sep=,\nid,x\n1,2\n3,4\n");

        var index = await CsvRowIndexer.IndexAsync(new MemoryStream(file), ',', 10, default, leadingRows: 1);

        Assert.Equal(2, index.Rows);
        Assert.Equal(["1", "3"], index.Chunks().SelectMany(c => Ids(file, c, ',')));
    }

    [Fact]
    public async Task Index_TabDelimited_ALineOfOneTabIsARow_NotABlank()
    {
        var file = Encoding.UTF8.GetBytes("id\tx\n1\t2\n\t\n3\t4\n");

        var index = await CsvRowIndexer.IndexAsync(new MemoryStream(file), '\t', 10, default);

        Assert.Equal(3, index.Rows);
        Assert.Equal(["1", "", "3"], index.Chunks().SelectMany(c => Ids(file, c, '\t')));
    }

    [Fact]
    public async Task Index_CarriageReturnsAlone_EndRows()
    {
        var file = Encoding.UTF8.GetBytes("id,x\r1,2\r3,4\r");

        var index = await CsvRowIndexer.IndexAsync(new MemoryStream(file), ',', 1, default);

        Assert.Equal(["1", "3"], index.Chunks().SelectMany(c => Ids(file, c, ',')));
    }

    [Theory]
    [InlineData("")]
    [InlineData("id,x\n")]
    [InlineData("id,x\n\n  \n")]
    public async Task Index_NoDataRows_HasNoChunks(string text)
    {
        var index = await CsvRowIndexer.IndexAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), ',', 10, default);

        Assert.Equal(0, index.Rows);
        Assert.Empty(index.Chunks());
    }

    [Theory]
    [InlineData(false, true, 1)]
    [InlineData(false, false, 3)]
    [InlineData(true, true, 7)]
    [InlineData(true, false, 1 << 20)]
    public async Task Index_Utf16_CutsWhereTheUtf8CopyIsCut_WhateverItsCharactersBytesAre(bool bigEndian, bool mark, int readSize)
    {
        // Characters whose UTF-16 bytes hold a quote (0x22), a line feed (0x0A) or a CR (0x0D) on one side (U+0122 Ģ,
        // U+0A0A, U+220D, U+0D22), an emoji (a surrogate pair), a quoted line break and CRLF: rows as the parser reads them.
        var text = "id,note\r\n1,Ģ\u0A0A\u220D\r\n2,\"two\r\nlines \u0D22 \"\"q\"\"\"\r\n\r\n3,😀\r\n4,x\r\n5,Ġ\u0A0D\r\n";
        var utf8 = Encoding.UTF8.GetBytes(text);
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false);
        var utf16 = (mark ? new UnicodeEncoding(bigEndian, byteOrderMark: true).GetPreamble() : []).Concat(encoding.GetBytes(text)).ToArray();
        var markLength = mark ? 2 : 0;

        var expected = await CsvRowIndexer.IndexAsync(new MemoryStream(utf8), ',', 2, default);
        var index = await CsvRowIndexer.IndexAsync(new TrickleStream(utf16, readSize), ',', 2, default, utf16BigEndian: bigEndian);

        Assert.Equal(5, index.Rows);
        Assert.Equal(utf16.Length, index.End);
        string Before(byte[] file, long offset, Encoding read, int skip = 0) => read.GetString(file, skip, (int)offset - skip);
        Assert.Equal(
            expected.Chunks().Select(c => (c.Rows, Before(utf8, c.Start, Encoding.UTF8), Before(utf8, c.End, Encoding.UTF8))),
            index.Chunks().Select(c => (c.Rows, Before(utf16, c.Start, encoding, markLength), Before(utf16, c.End, encoding, markLength))));
        Assert.Equal(["1", "2", "3", "4", "5"], index.Chunks().SelectMany(c =>
        {
            var range = Encoding.UTF8.GetBytes(encoding.GetString(utf16, (int)c.Start, (int)(c.End - c.Start)));
            return Ids(range, c with { Start = 0, End = range.Length }, ',');
        }));
    }

    [Fact]
    public async Task Index_Utf16WithAnOddLastByte_KeepsItInTheLastChunk()
    {
        var utf16 = Encoding.Unicode.GetBytes("id,x\n1,2\n3,4\n").Append((byte)'5').ToArray();

        var index = await CsvRowIndexer.IndexAsync(new MemoryStream(utf16), ',', 10, default, utf16BigEndian: false);

        Assert.Equal(utf16.Length, index.End);
        Assert.Equal(utf16.Length, index.Chunks()[^1].End);
    }

    /// <summary>The first cell of each row of the chunk's range, read by the parser as a chunk reads it.</summary>
    private static IEnumerable<string> Ids(byte[] file, ChunkRange chunk, char delimiter) => Cells(file, chunk, delimiter).Select(r => r[0]);

    /// <summary>The chunk's rows read as <see cref="ChunkScorer"/> reads them: every line a row but a blank one.</summary>
    private static List<string[]> Cells(byte[] file, ChunkRange chunk, char delimiter)
    {
        using var reader = Sep.New(delimiter)
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .From(file[(int)chunk.Start..(int)chunk.End]);
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            if (!(row.ColCount == 1 && CsvRowIndexer.IsBlank(row.Span, delimiter)))
            {
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString();
                }

                rows.Add(cells);
            }
        }

        Assert.Equal(chunk.Rows, rows.Count);
        return rows;
    }

    /// <summary>Hands out at most a few bytes per read, so rows, quotes and CRLFs straddle buffer boundaries.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, most)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, most), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);
    }
}
