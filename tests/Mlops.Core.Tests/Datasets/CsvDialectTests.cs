using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Datasets;

public sealed class CsvDialectTests
{
    [Theory]
    [InlineData("a,b,c\n1.5,2,x\n3.25,4,y\n", ',', '.')]
    [InlineData("a;b;c\n1.5;2;x\n3.25;4;y\n", ';', '.')]
    [InlineData("a|b|c\n1.5|2|x\n3|4|y\n", '|', '.')]
    [InlineData("a;b\n1;2\n3;4\n", ';', '.')]
    [InlineData("only\n1\n2\n", ',', '.')]
    public void TheDelimiterAndDecimalMark_AreDetectedFromTheHeaderAndFirstRows(string csv, char delimiter, char decimalMark)
    {
        Assert.Equal(new CsvDialect(delimiter, decimalMark), CsvDialect.Detect(csv, complete: true));
    }

    [Theory]
    [InlineData("a;b;c\n1,5;2;x\n3,25;4;y\n", ';')]
    [InlineData("a\tb\tc\n1,5\t2\tx\n3,25\t4\ty\n", '\t')]
    [InlineData("revenu;dépenses;accordé\n7\u00A0680,76;2\u00A0393,88;non\n33\u00A0435,59;3\u00A0247,36;oui\n", ';')]
    [InlineData("a;b\n1\u202F234\u202F567,5;x\n12\u202F000,25;y\n", ';')]
    [InlineData("a;b\n1.234,5;x\n12.000,25;y\n", ';')]
    public void ADecimalComma_ComesWithDayFirstDates_WhenTheSampleCannotTell(string csv, char delimiter)
    {
        Assert.Equal(new CsvDialect(delimiter, ',', DateOrder.DayFirst), CsvDialect.Detect(csv, complete: true));
    }

    [Theory]
    [InlineData("d,x\n03/04/2025,1\n28/10/2022,2\n", DateOrder.DayFirst)]
    [InlineData("d,x\n03/04/2025,1\n10/28/2022 14:30,2\n", DateOrder.MonthFirst)]
    [InlineData("d,x\n03/04/2025,1\n05/06/2022,2\n", DateOrder.MonthFirst)]
    [InlineData("d,x\n03.04.2025,1\n05.06.2022,2\n", DateOrder.DayFirst)]
    [InlineData("d;x\n10/28/2022;1,5\n03/04/2025;2,5\n", DateOrder.MonthFirst)]
    [InlineData("d,x\n2022-10-28,1\n2025-04-03,2\n", DateOrder.MonthFirst)]
    [InlineData("d,x\n28/10/2022,1\n10/28/2022,2\n", DateOrder.MonthFirst)]
    public void TheDateOrder_IsDetectedFromDatesThatCanOnlyBeReadOneWay(string csv, DateOrder order)
    {
        Assert.Equal(order, CsvDialect.Detect(csv, complete: true).DateOrder);
        Assert.Equal(DateOrder.DayFirst, CsvDialect.Detect(csv, complete: true, dateOrder: DateOrder.DayFirst).DateOrder);
    }

    [Theory]
    [InlineData("28/10/2022", "2022-10-28")]
    [InlineData("1/2/2023", "2023-02-01")]
    [InlineData(" 03.04.2025 ", "2025-04-03")]
    [InlineData("28-10-2022 14:30:05", "2022-10-28 14:30:05")]
    [InlineData("28/10/2022T08:00Z", "2022-10-28T08:00Z")]
    [InlineData("31/02/2022", "31/02/2022")]
    [InlineData("10/28/2022", "10/28/2022")]
    [InlineData("28/10/22", "28/10/22")]
    [InlineData("28/10/20221", "28/10/20221")]
    [InlineData("1.5", "1.5")]
    [InlineData("12/2022", "12/2022")]
    [InlineData("28/10-2022", "28/10-2022")]
    [InlineData("2022-10-28", "2022-10-28")]
    [InlineData("28/10/2022x", "28/10/2022x")]
    public void UnderDayFirstDates_ADateBecomesIso_AndNothingElseChanges(string cell, string normalized)
    {
        Assert.Equal(normalized, new CsvDialect(',', '.', DateOrder.DayFirst).Normalize(cell));
        Assert.Equal(cell, CsvDialect.Standard.Normalize(cell));
    }

    [Fact]
    public void DelimitersInsideQuotes_DoNotCount()
    {
        // Quoted text full of semicolons in a comma file, and quoted decimal commas: still comma and point.
        const string csv = "name,amount,label\n\"a;b;c;d\",\"1,5\",x\n\"e;f;g;h\",2.5,y\n";

        Assert.Equal(CsvDialect.Standard, CsvDialect.Detect(csv, complete: true));
    }

    [Fact]
    public void ARaggedLine_DoesNotTurnASemicolonFileIntoOneColumn()
    {
        const string csv = "a;b;c;label\n1,5;2;3;x\n4,5;5;6;y\n7,5;8;x\n9,5;1;2;y\n";

        Assert.Equal(new CsvDialect(';', ',', DateOrder.DayFirst), CsvDialect.Detect(csv, complete: true));
    }

    private static readonly string Table = "x1,x2,segment,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i}.5,{i * 2},s{i % 3},{(i % 2 == 0 ? "yes" : "no")}\n"));

    [Theory]
    [InlineData("Quarterly churn report\nGenerated 2026-11-30\n\n", 2)]
    [InlineData("Sales by region, 2023\n", 1)]
    [InlineData("Quarterly churn report,,,\n,,,\nSource: CRM export,,,\n", 3)]
    [InlineData("", 0)]
    public void ATitleAboveTheTable_IsItsPreamble(string title, int lines)
    {
        Assert.Equal(new CsvDialect(',', '.') { PreambleLines = lines }, CsvDialect.Detect(title + Table, complete: true));
    }

    [Theory]
    [InlineData("\"a\",\"b\"\n\"1\",2.5,x\n\"2\",3.5,y\n\"3\",4.5,z\n")]
    [InlineData("a,b,label\n1,2\n3,4,y\n5,6,z\n7,8,x\n")]
    [InlineData("a;b;label\n1;2;x\n3;4;y\n")]
    public void AHeaderNamingAsMuchAsTheRows_OrMoreThanHalfOfThem_IsNeverAPreamble(string csv)
    {
        // R's row names (a header one name short), a ragged second line: the first line stays the header, and the
        // reader reports the mismatch.
        Assert.Equal(0, CsvDialect.Detect(csv, complete: true).PreambleLines);
    }

    [Fact]
    public void TheSpec_OverridesEitherPart()
    {
        const string csv = "a;b\n1,5;2\n";

        Assert.Equal(new CsvDialect(';', '.'), CsvDialect.Detect(csv, complete: true, decimalMark: '.'));
        Assert.Equal(new CsvDialect(',', '.'), CsvDialect.Detect(csv, complete: true, delimiter: ','));
    }

    [Theory]
    [InlineData("1,5", "1.5")]
    [InlineData("-0,25", "-0.25")]
    [InlineData(" 12,0 ", " 12.0 ")]
    [InlineData("1,5E-05", "1.5E-05")]
    [InlineData("7", "7")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("1.2345,5", "1.2345,5")]
    [InlineData("a,b", "a,b")]
    [InlineData(",5", ",5")]
    [InlineData("2026-12-04", "2026-12-04")]
    public void UnderADecimalComma_OnlyNumbersChange(string cell, string normalized)
    {
        Assert.Equal(normalized, new CsvDialect(';', ',').Normalize(cell));
        Assert.Equal(cell, CsvDialect.Standard.Normalize(cell));
    }

    [Fact]
    public void TheReader_HandsOnNumbersWithAPoint_AndSaysHowItRead()
    {
        var read = Read("x;y;label\n1,5;\"a;b\";yes\n-2,25;c;no\n");

        Assert.Null(read.Error);
        Assert.Equal(new CsvDialect(';', ',', DateOrder.DayFirst), read.Dataset!.Dialect);
        Assert.Equal(["x", "y", "label"], read.Dataset.Columns);
        Assert.Equal(["1.5", "a;b", "yes"], read.Dataset.Rows[0]);
        Assert.Equal(["-2.25", "c", "no"], read.Dataset.Rows[1]);
    }

    [Fact]
    public void ARaggedRow_SaysHowTheFileWasRead_AndHowToChangeIt()
    {
        var read = Read("a;b;c\n1;2;3\n4;5\n");

        Assert.Equal(ValidationRules.RaggedRow, read.Error!.Rule);
        Assert.Contains("Line 3 has 2 field(s) but the header has 3", read.Error.Message, StringComparison.Ordinal);
        Assert.Contains("read as semicolon-delimited, decimal point", read.Error.Message, StringComparison.Ordinal);
        Assert.Contains("\"delimiter\"", read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABigFile_IsDetectedFromItsBeginning_AndReadWhole()
    {
        var csv = new StringBuilder("a;b;label\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append(i).Append(",5;").Append(i % 7).Append(';').Append(i % 2 == 0 ? "yes" : "no").Append('\n');
        }

        var read = Read(csv.ToString());

        Assert.Null(read.Error);
        Assert.Equal(20_000, read.Dataset!.Rows.Count);
        Assert.Equal("19999.5", read.Dataset.Rows[^1][0]);
    }

    [Fact]
    public void AnExactDialect_IsReadAsGiven_WithoutDetection()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("a;b\n1;2\n"));

        var read = CsvDatasetReader.Read(stream, CsvDialectHint.Exactly(CsvDialect.Standard), CancellationToken.None);

        Assert.Equal(["a;b"], read.Dataset!.Columns);
        Assert.Equal(["1;2"], read.Dataset.Rows[0]);
    }

    [Theory]
    [InlineData("{\"delimiter\":\";\",\"decimal\":\",\"}", ';', ',')]
    [InlineData("{\"delimiter\":\"tab\"}", '\t', null)]
    [InlineData("{\"delimiter\":\"\\t\"}", '\t', null)]
    [InlineData("{\"decimal\":\".\"}", null, '.')]
    public void TheSpec_NamesTheDialect(string json, char? delimiter, char? decimalMark)
    {
        var spec = ModelSpecParser.Parse(json, out var error);

        Assert.Null(error);
        Assert.Equal(delimiter, spec!.Delimiter);
        Assert.Equal(decimalMark, spec.DecimalMark);
        Assert.Null(spec.DateOrder);
    }

    [Theory]
    [InlineData("dmy", DateOrder.DayFirst)]
    [InlineData("dayFirst", DateOrder.DayFirst)]
    [InlineData("mdy", DateOrder.MonthFirst)]
    [InlineData("monthFirst", DateOrder.MonthFirst)]
    public void TheSpec_NamesTheDateOrder(string value, DateOrder order)
    {
        var spec = ModelSpecParser.Parse($"{{\"dateOrder\":\"{value}\"}}", out var error);

        Assert.Null(error);
        Assert.Equal(order, spec!.DateOrder);
    }

    [Fact]
    public void ADialectRecordedBeforeDateOrders_ReadsMonthFirst_AsItWasTrained()
    {
        var dialect = System.Text.Json.JsonSerializer.Deserialize<CsvDialect>("{\"delimiter\":\";\",\"decimalMark\":\",\"}", MlopsJson.Options);

        Assert.Equal(new CsvDialect(';', ','), dialect);
        Assert.Equal(DateOrder.MonthFirst, dialect!.DateOrder);
    }

    [Fact]
    public void TheSpecsDateOrder_DecidesHowTheFileIsRead()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("d,x\n03/04/2025,1\n"));

        var read = CsvDatasetReader.Read(stream, new CsvDialectHint(null, null, DateOrder.DayFirst), CancellationToken.None);

        Assert.Equal(DateOrder.DayFirst, read.Dataset!.Dialect.DateOrder);
        Assert.Equal(["2025-04-03", "1"], read.Dataset.Rows[0]);
    }

    [Theory]
    [InlineData("windows-1252", CsvEncoding.Windows1252)]
    [InlineData("CP1252", CsvEncoding.Windows1252)]
    [InlineData("latin1", CsvEncoding.Windows1252)]
    [InlineData("iso-8859-1", CsvEncoding.Windows1252)]
    [InlineData("utf-8", CsvEncoding.Utf8)]
    [InlineData("UTF8", CsvEncoding.Utf8)]
    public void TheSpec_NamesTheEncoding(string value, CsvEncoding encoding)
    {
        var spec = ModelSpecParser.Parse($"{{\"encoding\":\"{value}\"}}", out var error);

        Assert.Null(error);
        Assert.Equal(encoding, spec!.Encoding);
    }

    [Fact]
    public void AWindows1252Dialect_IsRecordedWithItsEncoding_AndAUtf8OneAsBefore()
    {
        var windows = new CsvDialect(';', ',') { Encoding = CsvEncoding.Windows1252 };

        var json = System.Text.Json.JsonSerializer.Serialize(windows, MlopsJson.Options);

        Assert.Contains("\"encoding\":\"windows1252\"", json, StringComparison.Ordinal);
        Assert.Equal(windows, System.Text.Json.JsonSerializer.Deserialize<CsvDialect>(json, MlopsJson.Options));
        Assert.DoesNotContain("encoding", System.Text.Json.JsonSerializer.Serialize(new CsvDialect(';', ','), MlopsJson.Options), StringComparison.Ordinal);
        Assert.Equal(CsvEncoding.Windows1252, CsvDialectHint.Exactly(windows).Encoding);
    }

    [Theory]
    [InlineData("{\"encoding\":\"ebcdic\"}", "'encoding' must be \"utf-8\" or \"windows-1252\"")]
    [InlineData("{\"encoding\":1252}", "'encoding' must be")]
    [InlineData("{\"delimiter\":\"#\"}", "'delimiter' must be one of")]
    [InlineData("{\"decimal\":2}", "'decimal' must be")]
    [InlineData("{\"delimiter\":\",\",\"decimal\":\",\"}", "'decimal' cannot be")]
    [InlineData("{\"dateOrder\":\"ymd\"}", "'dateOrder' must be \"dmy\"")]
    [InlineData("{\"dateOrder\":1}", "'dateOrder' must be")]
    public void ABadDialectInTheSpec_IsRefusedNamingIt(string json, string message)
    {
        Assert.Null(ModelSpecParser.Parse(json, out var error));
        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
    }

    private static CsvReadResult Read(string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return CsvDatasetReader.Read(stream, CancellationToken.None);
    }
}
