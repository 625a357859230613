using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Serving;
using Mlops.Core.Tests.Training;
using Mlops.Core.Training;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Datasets;

/// <summary>Numbers as reports format them read as the numbers they show, everywhere a cell is read as a number.</summary>
public sealed class FormattedNumbersTests
{
    [Theory]
    [InlineData("$1,234.50", 1234.5)]
    [InlineData("-$1,234.50", -1234.5)]
    [InlineData("$-5", -5)]
    [InlineData("1,234,567", 1234567)]
    [InlineData(" 12,000.25 ", 12000.25)]
    [InlineData("15%", 15)]
    [InlineData("-2.5 %", -2.5)]
    [InlineData("12 €", 12)]
    [InlineData("£0.99", 0.99)]
    [InlineData("¥1,000", 1000)]
    [InlineData("(1,234.50)", -1234.5)]
    [InlineData("($5)", -5)]
    [InlineData("( 12.5 % )", -12.5)]
    [InlineData("(1234.5)", -1234.5)]
    [InlineData("USD 1,200.00", 1200)]
    [InlineData("USD-5", -5)]
    [InlineData("-EUR 3.5", -3.5)]
    [InlineData("1,200.00 GBP", 1200)]
    [InlineData("(CHF 1,000)", -1000)]
    public void AFormattedNumber_ReadsAsTheNumberItShows(string cell, double expected)
    {
        Assert.True(CsvValues.TryParseNumber(cell, out var number), cell);
        Assert.Equal(expected, number, 9);
    }

    [Theory]
    [InlineData("13:45", 13.75)]
    [InlineData(" 7:05 ", 7 + (5 / 60.0))]
    [InlineData("23:59:59", 23 + (59 / 60.0) + (59 / 3600.0))]
    [InlineData("36:15", 36.25)]
    [InlineData("1:30 PM", 13.5)]
    [InlineData("12:00 am", 0)]
    [InlineData("12:15PM", 12.25)]
    public void AClockTime_ReadsAsItsHours(string cell, double expected)
    {
        Assert.True(CsvValues.TryParseNumber(cell, out var number), cell);
        Assert.Equal(expected, number, 9);
    }

    [Theory]
    [InlineData("1:5")]
    [InlineData("12:60")]
    [InlineData("13:45 PM")]
    [InlineData("0:30 AM")]
    [InlineData("1:30:60")]
    [InlineData("10:30:00.1234")]
    [InlineData("123:45")]
    [InlineData(":45")]
    [InlineData("12:345")]
    [InlineData("2023-01-05 10:00")]
    [InlineData("10:30 XM")]
    public void AnythingElseWithAColon_IsNotANumber(string cell) => Assert.False(CsvValues.TryParseNumber(cell, out _), cell);

    [Theory]
    [InlineData("1,2")]
    [InlineData("12,34")]
    [InlineData("1,2345")]
    [InlineData("1,234,56")]
    [InlineData(",123")]
    [InlineData("$")]
    [InlineData("%")]
    [InlineData("$5%")]
    [InlineData("$5$")]
    [InlineData("5%%")]
    [InlineData("1.234,5")]
    [InlineData("Smith, John")]
    [InlineData("1,234.")]
    [InlineData("(1,234")]
    [InlineData("(-5)")]
    [InlineData("(555) 123-4567")]
    [InlineData("ABC 123")]
    [InlineData("USDX 5")]
    [InlineData("USD")]
    [InlineData("usd 5")]
    [InlineData("$5 EUR")]
    [InlineData("Smith (Jr)")]
    public void AnythingElse_IsNotANumber(string cell) => Assert.False(CsvValues.TryParseNumber(cell, out _), cell);

    [Theory]
    [InlineData("1.234,50 €", "1234.50 €")]
    [InlineData("-€1.234.567,5", "-€1234567.5")]
    [InlineData("12,5%", "12.5%")]
    [InlineData("1.500", "1500")]
    [InlineData("1,5", "1.5")]
    [InlineData("1.5", "1.5")]
    [InlineData("7\u00A0680,76", "7680.76")]
    [InlineData("1 234 567", "1234567")]
    [InlineData("-1\u202F234,5 €", "-1234.5 €")]
    [InlineData("12 345,6 %", "12345.6 %")]
    [InlineData("(1.234,50 €)", "(1234.50 €)")]
    [InlineData("1.200,00 EUR", "1200.00 EUR")]
    [InlineData("12 34,5", "12 34,5")]
    [InlineData("1 234.567,5", "1 234.567,5")]
    [InlineData("28.10.2022", "2022-10-28")]
    [InlineData("12.34.567", "12.34.567")]
    public void UnderADecimalComma_GroupingPointsOrSpacesGoAndTheCommaBecomesAPoint(string cell, string expected) =>
        Assert.Equal(expected, new CsvDialect(';', ',', DateOrder.DayFirst).Normalize(cell));

    [Fact]
    public void APriceWithCurrencyAndGrouping_IsANumericFeature_AndPredictReadsItAsTheNumber()
    {
        // Price and discount decide the label together; written as a report writes them, the price was left out as an
        // identifier and the discount read as 40 categories.
        var csv = new StringBuilder("price,discount,label\n");
        var random = new Random(3);
        for (var i = 0; i < 400; i++)
        {
            var price = 50 + (random.NextDouble() * 4950);
            var discount = random.Next(0, 40);
            csv.Append(CultureInfo.InvariantCulture, $"\"${price:#,##0.00}\",{discount}%,{(price > 2000 ^ discount > 25 ? "yes" : "no")}\n");
        }

        using var predictor = TrainedOnTwoNumericColumns(csv.ToString(), minAuc: 0.9);
        var asText = predictor.Predict(Row(JsonSerializer.SerializeToElement("$3,500.00"), JsonSerializer.SerializeToElement("10%")));
        var asNumbers = predictor.Predict(Row(JsonSerializer.SerializeToElement(3500.0), JsonSerializer.SerializeToElement(10)));
        Assert.Equal(asNumbers.Probabilities, asText.Probabilities);
        Assert.Equal("yes", asText.Label);

        static Dictionary<string, JsonElement> Row(JsonElement price, JsonElement discount) => new() { ["price"] = price, ["discount"] = discount };
    }

    [Fact]
    public void AnAccountingBalanceAndACodedAmount_AreNumericFeatures_AndPredictReadsThemAsTheNumbers()
    {
        // A ledger's balance, negative in parentheses, and an amount with its currency code decide the label together;
        // as text both were left out as identifiers.
        var csv = new StringBuilder("balance,amount,label\n");
        var random = new Random(5);
        for (var i = 0; i < 400; i++)
        {
            var balance = (random.NextDouble() - 0.5) * 20_000;
            var amount = random.NextDouble() * 3_000;
            var shown = balance < 0 ? $"({-balance:#,##0.00})" : balance.ToString("#,##0.00", CultureInfo.InvariantCulture);
            var yes = (balance / 10_000) + (amount / 3_000) + ((random.NextDouble() - 0.5) * 0.6) > 0.5;
            csv.Append(CultureInfo.InvariantCulture, $"\"{shown}\",\"USD {amount:#,##0.00}\",{(yes ? "yes" : "no")}\n");
        }

        using var predictor = TrainedOnTwoNumericColumns(csv.ToString(), minAuc: 0.9);
        var asText = predictor.Predict(Row(JsonSerializer.SerializeToElement("(2,500.00)"), JsonSerializer.SerializeToElement("USD 1,000.00")));
        var asNumbers = predictor.Predict(Row(JsonSerializer.SerializeToElement(-2500.0), JsonSerializer.SerializeToElement(1000.0)));
        Assert.Equal(asNumbers.Probabilities, asText.Probabilities);
        Assert.Equal("no", asText.Label);

        static Dictionary<string, JsonElement> Row(JsonElement balance, JsonElement amount) => new() { ["balance"] = balance, ["amount"] = amount };
    }

    [Fact]
    public void ATimeOfDayColumn_IsANumericFeature_AndPredictReadsItsTimes()
    {
        // Late departures are delayed; read as categories the times were 600 values with a few rows each.
        var csv = new StringBuilder("departure,distance,label\n");
        var random = new Random(9);
        for (var i = 0; i < 600; i++)
        {
            var minute = random.Next(5 * 60, 23 * 60);
            var distance = random.Next(100, 3000);
            var late = (minute / 60.0) + (random.NextDouble() * 4) > 18;
            csv.Append(CultureInfo.InvariantCulture, $"{minute / 60}:{minute % 60:00},{distance},{(late ? "delayed" : "on-time")}\n");
        }

        using var predictor = TrainedOnTwoNumericColumns(csv.ToString(), minAuc: 0.85);
        var asText = predictor.Predict(Row(JsonSerializer.SerializeToElement("9:30 PM")));
        var asHours = predictor.Predict(Row(JsonSerializer.SerializeToElement(21.5)));
        Assert.Equal(asHours.Probabilities, asText.Probabilities);
        Assert.Equal("delayed", asText.Label);

        static Dictionary<string, JsonElement> Row(JsonElement departure) => new() { ["departure"] = departure, ["distance"] = JsonSerializer.SerializeToElement(800) };
    }

    /// <summary>Validates the file (two feature columns, both to be read as numbers), trains on it and loads the model.</summary>
    private static ModelPredictor TrainedOnTwoNumericColumns(string csv, double minAuc)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        var report = new DatasetValidator(Options.Create(new ValidationOptions())).Validate(new MemoryStream(bytes), specJson: null);
        Assert.True(report.Passed, string.Join("; ", report.Findings.Select(f => f.Message)));
        Assert.Equal([ColumnKind.Numeric, ColumnKind.Numeric], report.Schema!.Features.Select(f => f.Kind));

        var data = CsvDatasetReader.Read(new MemoryStream(bytes), CsvDialectHint.Exactly(report.Schema.Dialect), CancellationToken.None).Dataset!;
        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(report.Schema));
        Assert.True(trained.Metrics["auc"] > minAuc, $"AUC {trained.Metrics["auc"]}");
        return ModelPredictor.Load(trained.ModelZip, report.Schema);
    }
}
