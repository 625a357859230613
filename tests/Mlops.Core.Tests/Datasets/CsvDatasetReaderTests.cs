using Mlops.Core.Datasets;
using Mlops.Core.Validation;
using Mlops.Testing;

namespace Mlops.Core.Tests.Datasets;

public class CsvDatasetReaderTests
{
    [Fact]
    public void Read_SimpleCsv_ReturnsHeaderAndRows()
    {
        var csv = CsvBuilder.WithColumns("a", "b").Row("1", "x").Row("2", "y");

        var result = CsvDatasetReader.Read(csv.ToStream());

        Assert.Null(result.Error);
        Assert.Equal(["a", "b"], result.Dataset!.Columns);
        Assert.Equal([["1", "x"], ["2", "y"]], result.Dataset.Rows);
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasNewlinesAndQuotes_ReturnsUnescapedValues()
    {
        var csv = CsvBuilder.WithColumns("text", "label")
            .Row("one, two", "a")
            .Row("first line\nsecond line", "b")
            .Row("she said \"hi\"", "c")
            .Row("crlf\r\ninside", "d");

        var result = CsvDatasetReader.Read(csv.ToStream());

        Assert.Equal(
            ["one, two", "first line\nsecond line", "she said \"hi\"", "crlf\r\ninside"],
            result.Dataset!.Rows.Select(r => r[0]));
    }

    [Fact]
    public void Read_QuotedHeaderName_IsUnquoted()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("\"mean, radius\",label\n1,a\n")));

        Assert.Equal(["mean, radius", "label"], result.Dataset!.Columns);
    }

    [Fact]
    public void Read_Utf8Bom_IsNotPartOfFirstColumnName()
    {
        var csv = CsvBuilder.WithColumns("first", "label").Row("1", "a");

        var result = CsvDatasetReader.Read(csv.ToStream(bom: true));

        Assert.Equal("first", result.Dataset!.Columns[0]);
    }

    [Fact]
    public void Read_NonAsciiUtf8_KeepsCharacters()
    {
        var csv = CsvBuilder.WithColumns("città", "label").Row("Zürich", "ñandú");

        var result = CsvDatasetReader.Read(csv.ToStream());

        Assert.Equal("città", result.Dataset!.Columns[0]);
        Assert.Equal(["Zürich", "ñandú"], result.Dataset.Rows[0]);
    }

    [Fact]
    public void Read_InvalidUtf8WhereTheSpecSaysUtf8_ReturnsBadEncodingNamingOffsetAndLine()
    {
        byte[] bytes = [.. CsvBuilder.Encode("a,label\n1,x\n2,"), 0xE9, .. CsvBuilder.Encode("t\n")];

        var result = CsvDatasetReader.Read(new MemoryStream(bytes), new CsvDialectHint(null, null, Encoding: CsvEncoding.Utf8), CancellationToken.None);

        Assert.Null(result.Dataset);
        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
        Assert.Equal(Severity.Error, result.Error.Severity);
        Assert.Contains("0xE9", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 14", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("\"encoding\": \"windows-1252\"", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedMultiByteCharacterAtEndOfAUtf8File_ReturnsBadEncoding()
    {
        byte[] bytes = [.. CsvBuilder.Encode("a,label\n\u00e9,"), 0xC3];

        var result = CsvDatasetReader.Read(new MemoryStream(bytes));

        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
    }

    [Fact]
    public void Read_Windows1252File_IsDetectedAndReadWhole()
    {
        // What Excel saves as "CSV" in Portuguese: semicolons, decimal commas, and the code page's own accents,
        // curly quotes and euro sign.
        var text = "cidade;preço;label\nSão Paulo;12,5;sim\n\u201CBelém\u201D;3,75 \u20AC;não\n";
        var bytes = Windows1252Bytes(text);

        var result = CsvDatasetReader.Read(new MemoryStream(bytes));

        Assert.Null(result.Error);
        Assert.Equal(["cidade", "preço", "label"], result.Dataset!.Columns);
        Assert.Equal([["São Paulo", "12.5", "sim"], ["\u201CBelém\u201D", "3.75 \u20AC", "não"]], result.Dataset.Rows);
        Assert.Equal(CsvEncoding.Windows1252, result.Dataset.Dialect.Encoding);
        Assert.Contains("Windows-1252", result.Dataset.Dialect.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Windows1252FileWhoseFirstAccentIsFarIntoTheFile_IsReadWhole()
    {
        // Hundreds of kilobytes of ASCII read alike in both encodings: the first accented byte decides, wherever it is.
        var rows = new System.Text.StringBuilder("city,label\n");
        for (var i = 0; i < 30_000; i++)
        {
            rows.Append("Lisbon,yes\n");
        }

        rows.Append("Mérida,no\n");
        var result = CsvDatasetReader.Read(new MemoryStream(Windows1252Bytes(rows.ToString())));

        Assert.Null(result.Error);
        Assert.Equal("Mérida", result.Dataset!.Rows[^1][0]);
        Assert.Equal(CsvEncoding.Windows1252, result.Dataset.Dialect.Encoding);
    }

    [Fact]
    public void Read_AUtf8FileWithAccents_StaysUtf8()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("city,label\nMérida,no\n\u5317\u4eac,yes\n")));

        Assert.Null(result.Error);
        Assert.Equal(["Mérida", "\u5317\u4eac"], result.Dataset!.Rows.Select(r => r[0]));
        Assert.Equal(CsvEncoding.Utf8, result.Dataset.Dialect.Encoding);
    }

    [Fact]
    public void Read_AFileMixingUtf8AndWindows1252_ReturnsBadEncodingNamingTheByte()
    {
        byte[] bytes = [.. CsvBuilder.Encode("city,label\nMérida,no\nBel"), 0xE9, .. CsvBuilder.Encode("m,yes\n")];

        var result = CsvDatasetReader.Read(new MemoryStream(bytes));

        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
        Assert.Contains("0xE9", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("mixes two encodings", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AUtf8ByteOrderMarkThenAByteThatIsNotUtf8_ReturnsBadEncoding()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. CsvBuilder.Encode("city,label\nBel"), 0xE9, .. CsvBuilder.Encode("m,yes\n")];

        var result = CsvDatasetReader.Read(new MemoryStream(bytes));

        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
    }

    [Fact]
    public void Read_WhereTheSpecSaysWindows1252_ReadsEveryByteAsThatCodePage()
    {
        // "Ã©" is valid UTF-8 for "é", but the spec has the last word.
        var result = CsvDatasetReader.Read(new MemoryStream(Windows1252Bytes("city,label\nMÃ©rida,no\n")), new CsvDialectHint(null, null, Encoding: CsvEncoding.Windows1252), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal("MÃ©rida", result.Dataset!.Rows[0][0]);
        Assert.Equal(CsvEncoding.Windows1252, result.Dataset.Dialect.Encoding);
    }

    [Fact]
    public void Windows1252_RoundTripsEveryByte()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

        var text = Windows1252.GetString(all);

        Assert.Equal(256, text.Length);
        Assert.Equal('\u20AC', text[0x80]);
        Assert.Equal('\u201C', text[0x93]);
        Assert.Equal('\u0081', text[0x81]);
        Assert.Equal('é', text[0xE9]);
        Assert.Equal(all, Windows1252.GetBytes(text));
        Assert.Equal((byte)'?', Windows1252.GetBytes("\u5317")[0]);
    }

    private static byte[] Windows1252Bytes(string text) => Windows1252.GetBytes(text);

    [Theory]
    [InlineData("sep=;\na;label\n1;x\n", ';')]
    [InlineData("sep=,\r\na,label\r\n1,x\r\n", ',')]
    [InlineData("SEP=|\na|label\n1|x\n", '|')]
    [InlineData("\"sep=\t\"\na\tlabel\n1\tx\n", '\t')]
    public void Read_ExcelsDelimiterHintLine_IsSkipped_AndNamesTheDelimiter(string csv, char delimiter)
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(csv)));

        Assert.Null(result.Error);
        Assert.Equal(["a", "label"], result.Dataset!.Columns);
        Assert.Equal([["1", "x"]], result.Dataset.Rows);
        Assert.Equal(delimiter, result.Dataset.Dialect.Delimiter);
    }

    [Fact]
    public void Read_ExcelsDelimiterHintLine_NamesTheDelimiterTheRowsAloneWouldNotShow()
    {
        // Every line splits into as many fields on a comma as on a semicolon; the hint line says which one it is.
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("sep=;\na,b;label\n1,5;x\n2,5;y\n")));

        Assert.Null(result.Error);
        Assert.Equal(["a,b", "label"], result.Dataset!.Columns);
        Assert.Equal([["1.5", "x"], ["2.5", "y"]], result.Dataset.Rows);
    }

    [Fact]
    public void Read_AfterADelimiterHintLine_LinesAreStillCountedInTheFile()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("sep=;\na;label\n1;x\n2\n")));

        Assert.Equal(ValidationRules.RaggedRow, result.Error!.Rule);
        Assert.Contains("Line 4 has 1 field(s)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithTheSpecsDelimiter_AHintLineIsStillSkipped()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("sep=,\na;label\n1;x\n")), new CsvDialectHint(';', null), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(["a", "label"], result.Dataset!.Columns);
    }

    [Fact]
    public void ReadHeader_AfterADelimiterHintLine_CountsItAsALeadingRow()
    {
        var result = CsvDatasetReader.ReadHeader(new MemoryStream(CsvBuilder.Encode("sep=;\na;label\n1;x\n")), CsvDialectHint.Detect, CancellationToken.None);

        Assert.Equal(["a", "label"], result.Columns);
        Assert.Equal(1, result.LeadingRows);
        Assert.Equal(';', result.Dialect!.Delimiter);
    }

    [Fact]
    public void Read_AHintLineForADelimiterNotRead_ReturnsNoHeaderNamingIt()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("sep=^\na^label\n1^x\n")));

        Assert.Equal(ValidationRules.NoHeader, result.Error!.Rule);
        Assert.Contains("'^'", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TheSpecsMissingValues_AreEmptyCells_InEveryColumn_AndNamedInTheDialect()
    {
        var hint = CsvDialectHint.Detect with { MissingValues = ["pending", "-999"] };

        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("income,code,label\n1200.5,7,yes\n PENDING ,-999,no\n-9990,pending later,yes\n")), hint, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal([["1200.5", "7", "yes"], ["", "", "no"], ["-9990", "pending later", "yes"]], result.Dataset!.Rows);
        Assert.Equal(["pending", "-999"], result.Dataset.Dialect.MissingValues);
        Assert.Contains("missing values 'pending', '-999'", result.Dataset.Dialect.Describe(), StringComparison.Ordinal);
    }

    public static TheoryData<string, bool, bool> Utf16Forms => new()
    {
        { "little-endian with a byte order mark", false, true },
        { "big-endian with a byte order mark", true, true },
        { "little-endian without a mark", false, false },
        { "big-endian without a mark", true, false },
    };

    [Theory]
    [MemberData(nameof(Utf16Forms))]
    public void Read_Utf16_ReadsTheSameDataAsUtf8(string form, bool bigEndian, bool mark)
    {
        // What SQL Server Management Studio and Windows PowerShell's redirection save: tabs, letters of any script.
        var text = "cidade\tpreço\tlabel\r\nSão Paulo\t12,5\tsim\r\n\u6771\u4eac\t\"3,75\"\tnão\r\n";
        var utf16 = new System.Text.UnicodeEncoding(bigEndian, mark);

        var result = CsvDatasetReader.Read(new MemoryStream([.. utf16.GetPreamble(), .. utf16.GetBytes(text)]));
        var expected = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(text)));

        Assert.True(result.Error is null, form);
        Assert.Equal(expected.Dataset!.Columns, result.Dataset!.Columns);
        Assert.Equal(expected.Dataset.Rows, result.Dataset.Rows);
        Assert.Equal(expected.Dataset.Dialect with { Encoding = CsvEncoding.Utf16 }, result.Dataset.Dialect);
        Assert.Contains("UTF-16", result.Dataset.Dialect.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ALargeUtf16File_IsReadWhole_AndARaggedLineNamedByItsLineInTheFile()
    {
        // Far more than one buffer, whatever the spec says of the encoding: the bytes say UTF-16.
        var text = new System.Text.StringBuilder("city,label\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("Kraków,yes\n");
        }

        text.Append("Łódź\n");
        var bytes = (byte[])[.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text.ToString())];

        var ragged = CsvDatasetReader.Read(new MemoryStream(bytes), new CsvDialectHint(null, null, Encoding: CsvEncoding.Windows1252), CancellationToken.None);
        var whole = CsvDatasetReader.Read(new MemoryStream(bytes[..^12]));

        Assert.Equal(ValidationRules.RaggedRow, ragged.Error!.Rule);
        Assert.Contains("Line 20002 has 1 field(s)", ragged.Error.Message, StringComparison.Ordinal);
        Assert.Null(whole.Error);
        Assert.Equal(20_000, whole.Dataset!.Rows.Count);
        Assert.All(whole.Dataset.Rows, r => Assert.Equal(["Kraków", "yes"], r));
    }

    [Fact]
    public void Read_Utf16WithHalfACharacterPair_ReturnsBadEncodingSayingUtf16()
    {
        var bytes = (byte[])[.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("a,label\n1,x\n"), 0x3D, 0xD8, 0x0A, 0x00];

        var result = CsvDatasetReader.Read(new MemoryStream(bytes));

        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
        Assert.Contains("UTF-16", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ABinaryFileWithAStrayZeroByte_IsStillNotText()
    {
        var bytes = CsvBuilder.Encode("a,label\n1,x\n2,y\n3,z\n");
        bytes[10] = 0;

        var result = CsvDatasetReader.Read(new MemoryStream(bytes));

        Assert.Equal(ValidationRules.BadEncoding, result.Error!.Rule);
        Assert.Contains("NUL byte", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRow_ReturnsErrorNamingLineAndFieldCounts()
    {
        var csv = CsvBuilder.WithColumns("a", "b", "label").Row("1", "2", "x").Row("3", "y").Row("4", "5", "z");

        var result = CsvDatasetReader.Read(csv.ToStream());

        Assert.Null(result.Dataset);
        Assert.Equal(ValidationRules.RaggedRow, result.Error!.Rule);
        Assert.Contains("Line 3 has 2 field(s) but the header has 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRowAfterMultilineField_CountsPhysicalLines()
    {
        var csv = CsvBuilder.WithColumns("text", "label").Row("two\nlines", "x").Row("alone");

        var result = CsvDatasetReader.Read(csv.ToStream());

        Assert.Contains("Line 4 ", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralRaggedRows_SaysHowMany()
    {
        var csv = CsvBuilder.WithColumns("a", "label").Row("1").Row("2", "x").Row("3", "y", "z");

        var result = CsvDatasetReader.Read(csv.ToStream());

        Assert.Contains("Line 2 ", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("2 lines in all", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnterminatedQuote_ReturnsRaggedRowWithQuoteHint()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("a,label\n\"1,x\n2,y\n")));

        Assert.Equal(ValidationRules.RaggedRow, result.Error!.Rule);
        Assert.Contains("closing quote", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("  \r\n ")]
    public void Read_EmptyOrBlankFile_ReturnsEmptyFile(string text)
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(text)));

        Assert.Null(result.Dataset);
        Assert.Equal(ValidationRules.EmptyFile, result.Error!.Rule);
    }

    [Fact]
    public void Read_ByteOrderMarkOnly_ReturnsEmptyFile()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("", bom: true)));

        Assert.Equal(ValidationRules.EmptyFile, result.Error!.Rule);
    }

    [Fact]
    public void Read_HeaderOnly_ReturnsDatasetWithoutRows()
    {
        var result = CsvDatasetReader.Read(CsvBuilder.WithColumns("a", "label").ToStream());

        Assert.Null(result.Error);
        Assert.Equal(["a", "label"], result.Dataset!.Columns);
        Assert.Empty(result.Dataset.Rows);
    }

    [Fact]
    public void Read_HeaderNamesWithSurroundingWhitespace_AreTrimmed()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(" a ,\tlabel \n1,x\n")));

        Assert.Equal(["a", "label"], result.Dataset!.Columns);
    }

    [Fact]
    public void Read_DuplicateColumnName_ReturnsErrorNamingIt()
    {
        var result = CsvDatasetReader.Read(CsvBuilder.WithColumns("a", "b", "a").Row("1", "2", "3").ToStream());

        Assert.Equal(ValidationRules.DuplicateColumn, result.Error!.Rule);
        Assert.Equal("a", result.Error.Column);
        Assert.Contains("columns 1 and 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesEqualAfterTrimming_ReturnsDuplicateColumn()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("a,a ,label\n1,2,x\n")));

        Assert.Equal(ValidationRules.DuplicateColumn, result.Error!.Rule);
    }

    [Fact]
    public void Read_EmptyColumnName_ReturnsUnnamedColumn()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("a,,label\n1,2,x\n")));

        Assert.Equal(ValidationRules.UnnamedColumn, result.Error!.Rule);
        Assert.Contains("Column 2 of 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a;b;label;\n1;2;x;\n3;4;y;\n")]
    [InlineData("a;b;label;\n1;2;x; \n3;4;y\n")]
    [InlineData("a;b;label\n1;2;x;\n3;4;y;\n")]
    [InlineData("a\tb\tlabel\t\n1\t2\tx\t\n3\t4\ty\t\n")]
    [InlineData("a,b,label,,,\n1,2,x,,,\n3,4,y,,,\n")]
    [InlineData("a,b,label,,,\r\n1,2,x, , ,\r\n3,4,y\r\n")]
    [InlineData("a,b,label\n1,2,x,,\n3,4,y,,,,\n")]
    public void Read_LinesEndingWithTheDelimiter_ReadAsIfTheyDidNot(string csv)
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(csv)));

        Assert.Null(result.Error);
        Assert.Equal(["a", "b", "label"], result.Dataset!.Columns);
        Assert.Equal([["1", "2", "x"], ["3", "4", "y"]], result.Dataset.Rows);
    }

    [Fact]
    public void Stream_LinesRepeatingTheHeader_AreSkipped_AndCounted()
    {
        // Two exports joined with cat, then a third whose header was written with spaces and quotes.
        var csv = "a,b,label\n1,2,x\na,b,label\n3,4,y\n a ,\"b\",label\n5,6,z\n";
        var rows = new List<string[]>();

        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(csv)), new RowsOf(rows), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal([["1", "2", "x"], ["3", "4", "y"], ["5", "6", "z"]], rows);
        Assert.Equal((3L, 2L, 3L), (result.Rows, result.RepeatedHeaders, result.FirstRepeatedHeaderLine));
    }

    [Fact]
    public void Read_ARowSharingOnlyTheHeadersFirstName_IsData()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("kind,b,label\nkind,2,x\n")));

        Assert.Equal([["kind", "2", "x"]], result.Dataset!.Rows);
    }

    [Fact]
    public void Read_ATitleAboveTheHeader_IsSkipped_NamedInTheResult_AndLinesAreStillTheFilesLines()
    {
        var csv = "sep=,\nChurn report\n\nGenerated 2026-11-30,,\na,b,label\n1,2,x\n3,4\n";
        var rows = new List<string[]>();

        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(csv)), new RowsOf(rows), CancellationToken.None);
        var header = CsvDatasetReader.ReadHeader(new MemoryStream(CsvBuilder.Encode(csv)), CsvDialectHint.Detect, CancellationToken.None);

        Assert.Equal(ValidationRules.RaggedRow, result.Error!.Rule);
        Assert.Contains("Line 7 has 2 field(s)", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "label"], header.Columns);
        Assert.Equal(3, header.LeadingRows);
        Assert.Equal(2, header.Dialect!.PreambleLines);
    }

    [Fact]
    public void Read_ATitleAboveTheHeader_IsReadAgainExactlyAsTheDialectSays()
    {
        var csv = CsvBuilder.Encode("Churn report\nGenerated 2026-11-30\na;b;label\n1,5;2;x\n3;4;y\n");

        var detected = CsvDatasetReader.Read(new MemoryStream(csv));
        var again = CsvDatasetReader.Read(new MemoryStream(csv), CsvDialectHint.Exactly(detected.Dataset!.Dialect), CancellationToken.None);

        Assert.Equal(new CsvDialect(';', ',', DateOrder.DayFirst) { PreambleLines = 2 }, detected.Dataset.Dialect);
        Assert.Equal([["1.5", "2", "x"], ["3", "4", "y"]], detected.Dataset.Rows);
        Assert.Equal(detected.Dataset.Rows, again.Dataset!.Rows);
        Assert.Equal(["a", "b", "label"], again.Dataset.Columns);
    }

    [Fact]
    public void Read_AHeaderOfEmptyNamesOnly_StillHasNoName()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(",,\n1,2,x\n")));

        Assert.Equal(ValidationRules.UnnamedColumn, result.Error!.Rule);
    }

    [Fact]
    public void Read_AValueUnderAnEmptyTrailingName_IsARaggedRow()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("a,b,label,,\n1,2,x,,\n3,4,y,,5\n")));

        Assert.Equal(ValidationRules.RaggedRow, result.Error!.Rule);
        Assert.Contains("Line 3 has 5 field(s) but the header has 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AValueAfterTheLastColumn_IsStillARaggedRow()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("a;b;label;\n1;2;x;\n3;4;y;extra\n")));

        Assert.Equal(ValidationRules.RaggedRow, result.Error!.Rule);
        Assert.Contains("Line 3 has 4 field(s) but the header has 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n")]
    [InlineData("1,0,1\n0,1,0\n")]
    public void Read_FirstLineHoldsValues_ReturnsNoHeader(string text)
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(text)));

        Assert.Equal(ValidationRules.NoHeader, result.Error!.Rule);
    }

    [Fact]
    public void Read_IntegerColumnNamesBesideText_AreAHeader()
    {
        var result = CsvDatasetReader.Read(CsvBuilder.WithColumns("0", "1", "target").Row("3", "4", "x").ToStream());

        Assert.Null(result.Error);
        Assert.Equal(["0", "1", "target"], result.Dataset!.Columns);
    }

    [Fact]
    public void Read_CrLfLineEndings_ReadLikeLf()
    {
        var csv = CsvBuilder.WithColumns("a", "label").Row("1", "x").Row("2", "y");

        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(csv.ToText("\r\n"))));

        Assert.Equal([["1", "x"], ["2", "y"]], result.Dataset!.Rows);
    }

    [Fact]
    public void Read_BlankLines_AreSkipped()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("\na,label\n1,x\n\n2,y\n\n\n")));

        Assert.Null(result.Error);
        Assert.Equal(2, result.Dataset!.Rows.Count);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    public void Read_RowsOfNothingButDelimiters_AreSkippedLikeBlankLines(string delimiter)
    {
        // The empty rows a spreadsheet exports below its table (and, narrower, between blocks) carry no data: neither
        // rows without a label nor ragged lines.
        var text = "a,b,label\n1,2,x\n,,\n3,4,y\n , ,\n,\n,,\n".Replace(",", delimiter, StringComparison.Ordinal);

        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode(text)));

        Assert.Null(result.Error);
        Assert.Equal([["1", "2", "x"], ["3", "4", "y"]], result.Dataset!.Rows);
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsRead()
    {
        var result = CsvDatasetReader.Read(new MemoryStream(CsvBuilder.Encode("a,label\n1,x")));

        Assert.Equal([["1", "x"]], result.Dataset!.Rows);
    }

    [Fact]
    public void Read_NonSeekableStream_IsRead()
    {
        var csv = CsvBuilder.Typical(5);

        var result = CsvDatasetReader.Read(new ForwardOnlyStream(csv.ToBytes()));

        Assert.Equal(5, result.Dataset!.Rows.Count);
    }

    [Fact]
    public void Read_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => CsvDatasetReader.Read(CsvBuilder.Typical().ToStream(), cancelled.Token));
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer)]
    [InlineData(SampleDatasets.Iris)]
    [InlineData(SampleDatasets.Wine)]
    [InlineData(SampleDatasets.Diabetes)]
    [InlineData(SampleDatasets.Digits)]
    public void Read_Sample_MatchesPlainSplit(string sample)
    {
        var expected = SampleDatasets.Load(sample);
        using var file = File.OpenRead(SampleDatasets.PathOf(sample));

        var result = CsvDatasetReader.Read(file);

        Assert.Null(result.Error);
        Assert.Equal(expected.Columns, result.Dataset!.Columns);
        Assert.Equal(expected.Rows, result.Dataset.Rows);
    }

    /// <summary>A blob download stream: no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }

    private sealed class RowsOf(List<string[]> rows) : ICsvRowSink
    {
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

            rows.Add(cells);
        }
    }
}
