using Mlops.Core.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Datasets;

public class ModelSpecParserTests
{
    [Fact]
    public void Parse_FullSpec_ReadsEveryField()
    {
        const string Json = """{"label": "price", "task": "regression", "ignore": ["id"], "categorical": ["zip", "rooms"], "text": ["notes"]}""";

        var spec = ModelSpecParser.Parse(Json, out var error);

        Assert.Null(error);
        Assert.Equal("price", spec!.Label);
        Assert.Equal(MlTask.Regression, spec.Task);
        Assert.Equal(["id"], spec.Ignore);
        Assert.Equal(["zip", "rooms"], spec.Categorical);
        Assert.Equal(["notes"], spec.Text);
    }

    [Theory]
    [InlineData("{\"ensemble\": false}", false)]
    [InlineData("{\"ensemble\": true}", true)]
    [InlineData("{}", null)]
    public void Parse_Ensemble_OverridesTheSettingOnlyWhenWritten(string json, bool? expected)
    {
        var spec = ModelSpecParser.Parse(json, out var error);

        Assert.Null(error);
        Assert.Equal(expected, spec!.Ensemble);
    }

    [Fact]
    public void Parse_EnsembleNotABoolean_SaysSo()
    {
        Assert.Null(ModelSpecParser.Parse("{\"ensemble\": \"no\"}", out var error));
        Assert.Contains("'ensemble' must be true or false, but it is \"no\".", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingValues_AreTrimmed_AndKeptOnceWhateverTheirCase()
    {
        var spec = ModelSpecParser.Parse("""{"missingValues": [" pending ", "unknown", "PENDING", "-999"]}""", out var error);

        Assert.Null(error);
        Assert.Equal(["pending", "unknown", "-999"], spec!.MissingValues);
    }

    [Theory]
    [InlineData("""{"missingValues": "pending"}""", "'missingValues' must be a list of the words the file writes for \"no value\"")]
    [InlineData("""{"missingValues": [-999]}""", "write a number as a string); -999 is not")]
    [InlineData("""{"missingValues": ["  "]}""", "each a non-empty string")]
    public void Parse_MissingValuesNotAListOfWords_SaysSo(string json, string expected)
    {
        Assert.Null(ModelSpecParser.Parse(json, out var error));
        Assert.Contains(expected, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyMissingValues_SaysTheBound()
    {
        var json = $"{{\"missingValues\": [{string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"w{i}\""))}]}}";

        Assert.Null(ModelSpecParser.Parse(json, out var error));
        Assert.Contains("names 51 values; at most 50 are accepted", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyObject_LeavesEverythingToInference()
    {
        var spec = ModelSpecParser.Parse("{}", out var error);

        Assert.Null(error);
        Assert.Null(spec!.Label);
        Assert.Null(spec.Task);
        Assert.Empty(spec.Ignore);
        Assert.Empty(spec.Categorical);
        Assert.Empty(spec.Text);
    }

    [Theory]
    [InlineData("binary", MlTask.BinaryClassification)]
    [InlineData("multiclass", MlTask.MulticlassClassification)]
    [InlineData("regression", MlTask.Regression)]
    [InlineData("BinaryClassification", MlTask.BinaryClassification)]
    [InlineData("MulticlassClassification", MlTask.MulticlassClassification)]
    [InlineData("Regression", MlTask.Regression)]
    [InlineData("Binary", MlTask.BinaryClassification)]
    public void Parse_TaskName_MapsToTask(string name, MlTask expected)
    {
        var spec = ModelSpecParser.Parse($$"""{"task": "{{name}}"}""", out _);

        Assert.Equal(expected, spec!.Task);
    }

    [Fact]
    public void Parse_UnknownTask_ReturnsInvalidSpecNamingIt()
    {
        var spec = ModelSpecParser.Parse("""{"task": "clustering"}""", out var error);

        Assert.Null(spec);
        Assert.Equal(ValidationRules.InvalidSpec, error!.Rule);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Contains("\"clustering\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"binary\", \"multiclass\" or \"regression\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TaskAsNumber_ReturnsInvalidSpec()
    {
        var spec = ModelSpecParser.Parse("""{"task": 1}""", out var error);

        Assert.Null(spec);
        Assert.Equal(ValidationRules.InvalidSpec, error!.Rule);
    }

    [Theory]
    [InlineData("{\"label\": ")]
    [InlineData("label: price")]
    [InlineData("")]
    public void Parse_InvalidJson_ReturnsInvalidSpec(string json)
    {
        var spec = ModelSpecParser.Parse(json, out var error);

        Assert.Null(spec);
        Assert.Equal(ValidationRules.InvalidSpec, error!.Rule);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_NamesPositionCountingFromOne()
    {
        ModelSpecParser.Parse("{\n  \"label\": \"price\",,\n}", out var error);

        Assert.Contains("at line 2, character 20", error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"price\"")]
    [InlineData("null")]
    public void Parse_NotAnObject_ReturnsInvalidSpec(string json)
    {
        var spec = ModelSpecParser.Parse(json, out var error);

        Assert.Null(spec);
        Assert.Contains("must be a JSON object", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownProperty_ReturnsInvalidSpecNamingIt()
    {
        var spec = ModelSpecParser.Parse("""{"lable": "price"}""", out var error);

        Assert.Null(spec);
        Assert.Contains("'lable' is not a spec property", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IgnoreNotAnArray_ReturnsInvalidSpec()
    {
        var spec = ModelSpecParser.Parse("""{"ignore": "id"}""", out var error);

        Assert.Null(spec);
        Assert.Contains("'ignore' must be an array", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NonStringColumnInList_ReturnsInvalidSpecNamingPosition()
    {
        var spec = ModelSpecParser.Parse("""{"categorical": ["zip", 3]}""", out var error);

        Assert.Null(spec);
        Assert.Contains("'categorical[1]'", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyLabel_ReturnsInvalidSpec()
    {
        var spec = ModelSpecParser.Parse("""{"label": " "}""", out var error);

        Assert.Null(spec);
        Assert.Contains("'label' must be a column name", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullFields_MeanNotSaid()
    {
        var spec = ModelSpecParser.Parse("""{"label": null, "task": null, "ignore": null, "categorical": null}""", out var error);

        Assert.Null(error);
        Assert.Null(spec!.Label);
        Assert.Null(spec.Task);
        Assert.Empty(spec.Ignore);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        const string Json = """
            {
              // the column to predict
              "label": "price",
              "ignore": ["id",],
            }
            """;

        var spec = ModelSpecParser.Parse(Json, out var error);

        Assert.Null(error);
        Assert.Equal("price", spec!.Label);
    }

    [Fact]
    public void Parse_PascalCasePropertyNames_AreAccepted()
    {
        var spec = ModelSpecParser.Parse("""{"Label": "price"}""", out var error);

        Assert.Null(error);
        Assert.Equal("price", spec!.Label);
    }

    [Fact]
    public void Parse_RolesMetricAndThresholds_AreRead()
    {
        const string Json = """
            {
              "label": "churned",
              "primaryMetric": "F1",
              "id": ["customer_id"],
              "thresholds": {"maxMissingRate": 0.3, "MINROWS": 100}
            }
            """;

        var spec = ModelSpecParser.Parse(Json, out var error);

        Assert.Null(error);
        Assert.Equal(["customer_id"], spec!.Id);
        Assert.Equal("f1", spec.PrimaryMetric);
        Assert.Equal(new Dictionary<string, double> { ["maxMissingRate"] = 0.3, ["minRows"] = 100 }, spec.Thresholds);
    }

    [Fact]
    public void Parse_ThresholdsOmitted_AreEmpty()
    {
        var spec = ModelSpecParser.Parse("""{"thresholds": null}""", out var error);

        Assert.Null(error);
        Assert.Empty(spec!.Thresholds);
    }

    [Theory]
    [InlineData("""{"thresholds": {"maxLeakageScore": -0.1}}""", "'thresholds.maxLeakageScore' is -0.1, but it must be between 0 and 1")]
    [InlineData("""{"thresholds": {"outlierIqrMultiplier": 0}}""", "must be between 0.5 and 100")]
    [InlineData("""{"thresholds": {"minClassRatio": true}}""", "'thresholds.minClassRatio' must be a number, but it is true")]
    [InlineData("""{"id": "customer_id"}""", "'id' must be an array")]
    [InlineData("""{"primaryMetric": 3}""", "'primaryMetric' is 3, but it must be one of")]
    public void Parse_InvalidNewFields_ReturnInvalidSpecNamingThem(string json, string expected)
    {
        var spec = ModelSpecParser.Parse(json, out var error);

        Assert.Null(spec);
        Assert.Equal(ValidationRules.InvalidSpec, error!.Rule);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
