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

/// <summary>A yes/no column reads the same answer however a request spells it.</summary>
public sealed class BooleanSpellingTests
{
    [Theory]
    [InlineData("TRUE", "FALSE")]
    [InlineData("No", "Yes")]
    [InlineData("y", "n")]
    [InlineData("F", "T")]
    public void Of_OneYesAndOneNo_KnowsWhichIsWhich(string first, string second)
    {
        var spelling = BooleanSpelling.Of([first, second])!;

        Assert.Equal(first, spelling.Spell(Truth(first) ? "yes" : "no"));
        Assert.Equal(second, spelling.Spell(Truth(second) ? "TRUE" : "false"));
        Assert.Equal("maybe", spelling.Spell("maybe"));

        static bool Truth(string value) => value.ToUpperInvariant() is "TRUE" or "YES" or "Y" or "T";
    }

    [Theory]
    [InlineData("yes", "maybe")]
    [InlineData("yes", "y")]
    [InlineData("no", "false")]
    [InlineData("true")]
    [InlineData("true", "false", "TRUE")]
    public void Of_AnythingButOneYesAndOneNo_IsNoSpelling(params string[] values) => Assert.Null(BooleanSpelling.Of(values));

    [Fact]
    public void AYesNoColumn_RecordsItsSpelling_AndPredictReadsEverySpellingOfTheSameAnswerAlike()
    {
        // Written TRUE/FALSE by a spreadsheet, the column was learned as two categories: a request's JSON true or "yes"
        // was a third, unseen one, and the model answered for neither.
        var csv = new StringBuilder("size,has_garage,price\n");
        var random = new Random(5);
        for (var i = 0; i < 400; i++)
        {
            var size = 50 + random.Next(0, 200);
            var garage = random.Next(0, 2) == 1;
            var price = (size * 10) + (garage ? 800 : 0) + random.Next(-50, 50);
            csv.Append(CultureInfo.InvariantCulture, $"{size},{(garage ? "TRUE" : "FALSE")},{price}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var report = new DatasetValidator(Options.Create(new ValidationOptions())).Validate(new MemoryStream(bytes), specJson: null);
        Assert.True(report.Passed, string.Join("; ", report.Findings.Select(f => f.Message)));
        var garageColumn = report.Schema!.Features.Single(f => f.Name == "has_garage");
        Assert.Equal(ColumnKind.Categorical, garageColumn.Kind);
        Assert.Equal(new BooleanSpelling("FALSE", "TRUE"), garageColumn.Boolean);
        Assert.Contains("\"boolean\":{\"false\":\"FALSE\",\"true\":\"TRUE\"}", JsonSerializer.Serialize(report.Schema, MlopsJson.Options), StringComparison.Ordinal);
        Assert.DoesNotContain("\"boolean\"", JsonSerializer.Serialize(report.Schema.Features.Single(f => f.Name == "size"), MlopsJson.Options), StringComparison.Ordinal);

        var data = CsvDatasetReader.Read(new MemoryStream(bytes), CsvDialectHint.Exactly(report.Schema.Dialect), CancellationToken.None).Dataset!;
        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(report.Schema));
        using var predictor = ModelPredictor.Load(trained.ModelZip, report.Schema);

        var withGarage = predictor.Predict(Row(JsonSerializer.SerializeToElement("TRUE"))).Score!.Value;
        var without = predictor.Predict(Row(JsonSerializer.SerializeToElement("FALSE"))).Score!.Value;
        Assert.True(withGarage - without > 400, $"TRUE {withGarage}, FALSE {without}");
        foreach (var yes in new[] { JsonSerializer.SerializeToElement(true), JsonSerializer.SerializeToElement("true"), JsonSerializer.SerializeToElement(" Yes ") })
        {
            Assert.Equal(withGarage, predictor.Predict(Row(yes)).Score!.Value);
        }

        foreach (var no in new[] { JsonSerializer.SerializeToElement(false), JsonSerializer.SerializeToElement("false"), JsonSerializer.SerializeToElement("n") })
        {
            Assert.Equal(without, predictor.Predict(Row(no)).Score!.Value);
        }

        static Dictionary<string, JsonElement> Row(JsonElement garage) => new() { ["size"] = JsonSerializer.SerializeToElement(120), ["has_garage"] = garage };
    }
}
