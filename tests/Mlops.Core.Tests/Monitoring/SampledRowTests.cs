using Mlops.Core.Datasets;
using Mlops.Core.Monitoring;
using Mlops.Core.Serving;

namespace Mlops.Core.Tests.Monitoring;

/// <summary>Monitoring reads a logged request as serving read it, or a window drifts from a difference in spelling.</summary>
public sealed class SampledRowTests
{
    [Theory]
    [InlineData("\"1.500,5\"", 1500.5)]
    [InlineData("\"7500,50\"", 7500.5)]
    [InlineData("12.25", 12.25)]
    public void ANumberString_UnderADecimalComma_IsTheNumberServingRead(string json, double expected) =>
        Assert.Equal(expected, Row($"{{\"renda\":{json}}}").Number("renda", new CsvDialect(';', ',')));

    [Fact]
    public void ANumberString_UnderADecimalPoint_ReadsAsBefore() =>
        Assert.Equal(1.5, Row("{\"x\":\"1.500\"}").Number("x", CsvDialect.Standard));

    [Theory]
    [InlineData("true", "TRUE")]
    [InlineData("\"yes\"", "TRUE")]
    [InlineData("\"FALSE\"", "FALSE")]
    [InlineData("\"n\"", "FALSE")]
    [InlineData("\"maybe\"", "maybe")]
    public void AYesNoValue_CountsAsTheFilesSpelling(string json, string expected)
    {
        var garage = new ColumnSchema("garage", ColumnKind.Categorical) { Boolean = new BooleanSpelling("FALSE", "TRUE") };

        Assert.Equal(expected, Row($"{{\"garage\":{json}}}").Text(garage));
    }

    [Fact]
    public void AnOrdinaryCategory_IsTheTrimmedText() =>
        Assert.Equal("yes", Row("{\"answer\":\" yes \"}").Text(new ColumnSchema("answer", ColumnKind.Categorical)));

    private static SampledRow Row(string featuresJson) =>
        SampledRow.From(new PredictionRecord("m", "p1", 1, "champion", DateTimeOffset.UnixEpoch, featuresJson, "x", null, null));
}
