using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Tests.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Validation;

public class DatasetValidatorTests
{
    private static ValidationReport Validate(CsvBuilder csv, string? spec = null, ValidationOptions? options = null) =>
        new DatasetValidator(Options.Create(options ?? new ValidationOptions())).Validate(csv.ToReadResult(), spec);

    private static ValidationFinding Single(ValidationReport report, string rule) =>
        Assert.Single(report.Findings, f => f.Rule == rule);

    /// <summary>A passing dataset whose label column is "target", holding <paramref name="value"/>(i) in row i.</summary>
    private static CsvBuilder WithTarget(int rows, Func<int, string> value) =>
        CsvBuilder.WithColumns("x", "color").Rows(rows, i => [CsvBuilder.Number(i), i % 2 == 0 ? "red" : "blue"]).WithColumn("target", value);

    [Fact]
    public void Validate_TypicalDataset_PassesWithSchema()
    {
        var report = Validate(CsvBuilder.Typical());

        Assert.True(report.Passed);
        Assert.Empty(report.Findings);
        Assert.Equal("label", report.Schema!.Label);
        Assert.Equal(MlTask.BinaryClassification, report.Schema.Task);
        Assert.Equal(
            [new ColumnSchema("x", ColumnKind.Numeric), new ColumnSchema("color", ColumnKind.Categorical), new ColumnSchema("size", ColumnKind.Numeric)],
            report.Schema.Features);
    }

    [Fact]
    public void Validate_Dataset_ReportsRowsAndColumnsAsRead()
    {
        var report = Validate(CsvBuilder.Typical(33));

        Assert.Equal(33, report.Rows);
        Assert.Equal(4, report.Columns);
    }

    [Fact]
    public void Validate_ReadError_CarriesItWithoutSchema()
    {
        var error = new ValidationFinding(Severity.Error, ValidationRules.RaggedRow, null, "Line 3 has 2 field(s) but the header has 3.");
        var validator = new DatasetValidator(Options.Create(new ValidationOptions()));

        var report = validator.Validate(new CsvReadResult(null, error), null);

        Assert.False(report.Passed);
        Assert.Null(report.Schema);
        Assert.Equal([error], report.Findings);
    }

    [Fact]
    public void Validate_NoColumnNamedLabel_UsesLastColumn()
    {
        var report = Validate(WithTarget(40, i => i % 2 == 0 ? "a" : "b"));

        Assert.Equal("target", report.Schema!.Label);

        // A file whose outcome is not its last column (Titanic's "Survived" is its second) would train the wrong model
        // without a word: the run says which column it took and why.
        var finding = Single(report, ValidationRules.LabelByPosition);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("target", finding.Column);
        Assert.Contains("'target', the last column", finding.Message, StringComparison.Ordinal);
        Assert.Contains("\"label\"", finding.Message, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Validate_ALabelNamedByTheSpecOrTheHeader_IsNotReportedAsChosenByPosition()
    {
        Assert.DoesNotContain(Validate(WithTarget(40, i => i % 2 == 0 ? "a" : "b"), """{"label": "target"}""").Findings, f => f.Rule == ValidationRules.LabelByPosition);
        Assert.DoesNotContain(Validate(CsvBuilder.Typical()).Findings, f => f.Rule == ValidationRules.LabelByPosition);
    }

    [Theory]
    [InlineData("#N/A")]
    [InlineData("#DIV/0!")]
    public void Validate_ExcelErrorValuesInANumericColumn_AreMissingValues_NotCategories(string error)
    {
        // A spreadsheet's failed lookup or division: one in 40 rows quarantined the file as numbers with strays, more
        // made the column 40 categories.
        var csv = CsvBuilder.WithColumns("x", "label").Rows(200, i => [i % 8 == 0 ? error : CsvBuilder.Number(i), i % 2 == 0 ? "a" : "b"]);

        var report = Validate(csv);

        Assert.True(report.Passed, string.Join("; ", report.Findings.Select(f => f.Message)));
        Assert.Equal(ColumnKind.Numeric, Assert.Single(report.Schema!.Features).Kind);
        Assert.Equal(25, report.Contract!.Columns.Single(c => c.Name == "x").Missing);
    }

    [Theory]
    [InlineData("-", true)]
    [InlineData("\u2014", true)]
    [InlineData("pending", false)]
    public void Validate_ANumericColumnWithAPlaceholderInOneRowOfEight_IsNumericOrSaysWhyNot(string placeholder, bool missing)
    {
        // A dash is a missing value; a word in 12.5% of the rows is past the strays a numeric column takes, so the column
        // is categories, and the report says so instead of leaving a numeric column silently lost.
        var csv = CsvBuilder.WithColumns("x", "label").Rows(200, i => [i % 8 == 0 ? placeholder : CsvBuilder.Number(i), i % 2 == 0 ? "a" : "b"]);

        var report = Validate(csv);

        Assert.True(report.Passed);
        var column = Assert.Single(report.Schema!.Features);
        Assert.Equal(missing ? ColumnKind.Numeric : ColumnKind.Categorical, column.Kind);
        var warning = report.Findings.SingleOrDefault(f => f.Rule == ValidationRules.ColumnMostlyNumeric);
        Assert.Equal(!missing, warning is not null);
        if (warning is not null)
        {
            Assert.Equal((Severity.Warning, "x"), (warning.Severity, warning.Column));
            Assert.Contains("(12.5% of its values): 'pending' (", warning.Message, StringComparison.Ordinal);
            Assert.Contains("read as 176 categories", warning.Message, StringComparison.Ordinal);
            Assert.Contains("put \"missingValues\": [\"pending\"] in mlops.json and restart the run", warning.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_APlaceholderTheSpecNamesAMissingValue_LeavesTheColumnNumeric()
    {
        var csv = CsvBuilder.WithColumns("x", "label").Rows(200, i => [i % 8 == 0 ? "pending" : CsvBuilder.Number(i), i % 2 == 0 ? "a" : "b"]);

        var report = Validate(csv, """{"missingValues": ["pending"]}""");

        Assert.True(report.Passed);
        Assert.Equal(ColumnKind.Numeric, Assert.Single(report.Schema!.Features).Kind);
        Assert.Equal(25, report.Contract!.Columns.Single(c => c.Name == "x").Missing);
        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.ColumnMostlyNumeric);
    }

    [Fact]
    public void Validate_AColumnOfCodes_IsCategoriesWithoutAWarning()
    {
        var csv = CsvBuilder.WithColumns("plan", "label").Rows(200, i => [$"P{i % 7}", i % 2 == 0 ? "a" : "b"]);

        var report = Validate(csv);

        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.ColumnMostlyNumeric);
    }

    [Fact]
    public void Validate_ColumnNamedLabelInOtherCase_IsTheLabel()
    {
        var csv = CsvBuilder.WithColumns("x", "Label", "y").Rows(40, i => [CsvBuilder.Number(i), i % 2 == 0 ? "a" : "b", CsvBuilder.Number(i * 2)]);

        var report = Validate(csv);

        Assert.Equal("Label", report.Schema!.Label);
        Assert.Equal(["x", "y"], report.Schema.Features.Select(f => f.Name));
    }

    [Fact]
    public void Validate_SpecLabel_OverridesConvention()
    {
        var report = Validate(CsvBuilder.Typical(), """{"label": "color"}""");

        Assert.Equal("color", report.Schema!.Label);
        Assert.Equal(MlTask.MulticlassClassification, report.Schema.Task);
        Assert.Contains(report.Schema.Features, f => f.Name == "label");
    }

    [Fact]
    public void Validate_SpecLabelNotInHeader_ErrorNamesItAndListsColumns()
    {
        var report = Validate(CsvBuilder.Typical(), """{"label": "price"}""");

        var finding = Single(report, ValidationRules.LabelMissing);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("price", finding.Column);
        Assert.Contains("'price'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("x, color, size, label", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.Schema);
    }

    [Fact]
    public void Validate_SomeLabelsMissing_WarnsAndStillPasses()
    {
        var csv = CsvBuilder.Typical(40).WithColumn("y", i => i < 4 ? "NA" : i % 2 == 0 ? "a" : "b");

        var report = Validate(csv, """{"label": "y"}""");

        var finding = Single(report, ValidationRules.LabelMissingValues);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("4 of 40 rows (10%)", finding.Message, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Validate_MissingLabelsLeaveTooFewRows_TooFewRows()
    {
        var csv = CsvBuilder.Typical(30).WithColumn("y", i => i < 15 ? "" : i % 2 == 0 ? "a" : "b");

        var report = Validate(csv, """{"label": "y"}""");

        Assert.Contains("15 usable rows", Single(report, ValidationRules.TooFewRows).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AllLabelsMissing_Error()
    {
        var report = Validate(WithTarget(40, _ => "?"));

        Assert.Equal(Severity.Error, Single(report, ValidationRules.LabelAllMissing).Severity);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Validate_SingleValuedLabel_ErrorNamesValue()
    {
        var report = Validate(WithTarget(40, _ => "yes"));

        var finding = Single(report, ValidationRules.LabelSingleValued);
        Assert.Equal("target", finding.Column);
        Assert.Contains("'yes'", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.Schema);
    }

    [Theory]
    [InlineData("no", "yes", "no", "yes")]
    [InlineData("Yes", "No", "No", "Yes")]
    [InlineData("true", "false", "false", "true")]
    [InlineData("1", "0", "0", "1")]
    [InlineData("10", "9", "9", "10")]
    [InlineData("malignant", "benign", "benign", "malignant")]
    [InlineData("spam", "ham", "ham", "spam")]
    public void Validate_TwoLabelValues_BinaryWithNegativeThenPositive(string first, string second, string negative, string positive)
    {
        var report = Validate(WithTarget(40, i => i % 2 == 0 ? first : second));

        Assert.Equal(MlTask.BinaryClassification, report.Schema!.Task);
        Assert.Equal([negative, positive], report.Schema.ClassLabels);
    }

    [Fact]
    public void Validate_FewIntegerLabels_MulticlassInNumericOrder()
    {
        string[] values = ["10", "2", "1"];

        var report = Validate(WithTarget(60, i => values[i % 3]));

        Assert.Equal(MlTask.MulticlassClassification, report.Schema!.Task);
        Assert.Equal(["1", "2", "10"], report.Schema.ClassLabels);
    }

    [Fact]
    public void Validate_FewTextLabels_MulticlassInOrdinalOrder()
    {
        string[] values = ["virginica", "setosa", "Versicolor"];

        var report = Validate(WithTarget(60, i => values[i % 3]));

        Assert.Equal(MlTask.MulticlassClassification, report.Schema!.Task);
        Assert.Equal(["Versicolor", "setosa", "virginica"], report.Schema.ClassLabels);
    }

    [Fact]
    public void Validate_FractionalLabels_Regression()
    {
        var report = Validate(WithTarget(40, i => CsvBuilder.Number(i % 3 + 0.5)));

        Assert.Equal(MlTask.Regression, report.Schema!.Task);
        Assert.Empty(report.Schema.ClassLabels);
    }

    [Fact]
    public void Validate_ManyIntegerLabels_Regression()
    {
        var report = Validate(WithTarget(100, i => CsvBuilder.Number(i % 30)));

        Assert.Equal(MlTask.Regression, report.Schema!.Task);
    }

    [Fact]
    public void Validate_IntegerLabelsNearlyOnePerRow_Regression()
    {
        var report = Validate(WithTarget(30, i => CsvBuilder.Number(i % 15)));

        Assert.Equal(MlTask.Regression, report.Schema!.Task);
    }

    [Fact]
    public void Validate_ManyTextLabels_LabelUnusable()
    {
        var report = Validate(WithTarget(200, i => "name" + (i % 60)));

        var finding = Single(report, ValidationRules.LabelUnusable);
        Assert.Contains("60 distinct non-numeric values in 200 rows", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.Schema);
    }

    [Fact]
    public void Validate_SpecTask_OverridesInference()
    {
        var report = Validate(WithTarget(60, i => CsvBuilder.Number(i % 3)), """{"task": "regression"}""");

        Assert.Equal(MlTask.Regression, report.Schema!.Task);
        Assert.Empty(report.Schema.ClassLabels);
    }

    [Fact]
    public void Validate_SpecRegressionWithTextLabel_LabelNotNumeric()
    {
        var report = Validate(CsvBuilder.Typical(), """{"task": "regression"}""");

        var finding = Single(report, ValidationRules.LabelNotNumeric);
        Assert.Contains("'no'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SpecBinaryWithThreeClasses_LabelClassCount()
    {
        var report = Validate(CsvBuilder.Typical(), """{"label": "color", "task": "binary"}""");

        Assert.Contains("3 distinct values", Single(report, ValidationRules.LabelClassCount).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SpecMulticlassWithTwoClasses_Multiclass()
    {
        var report = Validate(CsvBuilder.Typical(), """{"task": "multiclass"}""");

        Assert.Equal(MlTask.MulticlassClassification, report.Schema!.Task);
        Assert.Equal(["no", "yes"], report.Schema.ClassLabels);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("n/a")]
    [InlineData("null")]
    [InlineData("NaN")]
    [InlineData("?")]
    [InlineData("  na ")]
    public void Validate_MissingTokenInNumericColumn_KeepsItNumeric(string token)
    {
        var report = Validate(CsvBuilder.Typical().WithColumn("z", i => i % 4 == 0 ? token : CsvBuilder.Number(i)), """{"label": "label"}""");

        Assert.Contains(new ColumnSchema("z", ColumnKind.Numeric), report.Schema!.Features);
    }

    [Fact]
    public void Validate_NumbersWithOneWord_Categorical()
    {
        var report = Validate(CsvBuilder.Typical().WithColumn("z", i => i == 7 ? "seven" : CsvBuilder.Number(i)), """{"label": "label"}""");

        Assert.Contains(new ColumnSchema("z", ColumnKind.Categorical), report.Schema!.Features);
    }

    [Fact]
    public void Validate_SpecCategorical_OverridesNumeric()
    {
        var report = Validate(CsvBuilder.Typical(), """{"categorical": ["size"]}""");

        Assert.Contains(new ColumnSchema("size", ColumnKind.Categorical), report.Schema!.Features);
    }

    [Fact]
    public void Validate_SpecIgnore_LeavesColumnOut()
    {
        var report = Validate(CsvBuilder.Typical(), """{"ignore": ["x"]}""");

        Assert.Equal(["color", "size"], report.Schema!.Features.Select(f => f.Name));
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Validate_SpecIgnoresLastColumn_LabelIsLastRemaining()
    {
        var csv = WithTarget(40, i => i % 2 == 0 ? "a" : "b").WithColumn("notes", i => "n" + (i % 3));

        var report = Validate(csv, """{"ignore": ["notes"]}""");

        Assert.Equal("target", report.Schema!.Label);
    }

    [Fact]
    public void Validate_SpecListsUnknownColumn_Warns()
    {
        var report = Validate(CsvBuilder.Typical(), """{"ignore": ["identifier"]}""");

        var finding = Single(report, ValidationRules.SpecUnknownColumn);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("identifier", finding.Column);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Validate_SpecLabelAlsoIgnored_InvalidSpec()
    {
        var report = Validate(CsvBuilder.Typical(), """{"label": "label", "ignore": ["label"]}""");

        Assert.Equal(Severity.Error, Single(report, ValidationRules.InvalidSpec).Severity);
        Assert.Null(report.Schema);
    }

    [Fact]
    public void Validate_InvalidSpec_ErrorWithoutSchema()
    {
        var report = Validate(CsvBuilder.Typical(), """{"task": "clustering"}""");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(ValidationRules.InvalidSpec, finding.Rule);
        Assert.False(report.Passed);
        Assert.Null(report.Schema);
    }

    [Fact]
    public void Validate_IdentifierColumn_WarnsAndLeavesItOut()
    {
        var report = Validate(CsvBuilder.Typical(100).WithColumn("customer", i => "C" + i), """{"label": "label"}""");

        var finding = Single(report, ValidationRules.IdentifierColumn);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("100 distinct values in 100 rows", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Schema!.Features, f => f.Name == "customer");
    }

    [Fact]
    public void Validate_IdentifierColumnListedCategorical_IsKept()
    {
        var report = Validate(CsvBuilder.Typical(100).WithColumn("customer", i => "C" + i), """{"label": "label", "categorical": ["customer"]}""");

        Assert.Contains(new ColumnSchema("customer", ColumnKind.Categorical), report.Schema!.Features);
    }

    [Fact]
    public void Validate_AllMissingColumn_ErrorNamesColumn()
    {
        var report = Validate(CsvBuilder.Typical().WithColumn("empty", _ => ""), """{"label": "label"}""");

        var finding = Single(report, ValidationRules.ColumnAllMissing);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("empty", finding.Column);
        Assert.Null(report.Schema);
    }

    [Fact]
    public void Validate_MissingRateAboveThreshold_ErrorNamesRateAndThreshold()
    {
        var csv = CsvBuilder.Typical(40).WithColumn("sparse", i => i < 24 ? "NA" : CsvBuilder.Number(i));

        var report = Validate(csv, """{"label": "label"}""");

        var finding = Single(report, ValidationRules.ColumnMissingRate);
        Assert.Equal("sparse", finding.Column);
        Assert.Contains("60%", finding.Message, StringComparison.Ordinal);
        Assert.Contains("24 of 40", finding.Message, StringComparison.Ordinal);
        Assert.Contains("at most 50%", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRateAtThreshold_Passes()
    {
        var csv = CsvBuilder.Typical(40).WithColumn("sparse", i => i < 20 ? "NA" : CsvBuilder.Number(i));

        var report = Validate(csv, """{"label": "label"}""");

        Assert.True(report.Passed);
    }

    [Fact]
    public void Validate_MissingRateThreshold_ComesFromOptions()
    {
        var csv = CsvBuilder.Typical(40).WithColumn("sparse", i => i < 8 ? "NA" : CsvBuilder.Number(i));

        var report = Validate(csv, """{"label": "label"}""", new ValidationOptions { MaxMissingFraction = 0.1 });

        Assert.Contains("at most 10%", Single(report, ValidationRules.ColumnMissingRate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConstantColumn_WarnsAndLeavesItOut()
    {
        var report = Validate(CsvBuilder.Typical().WithColumn("country", _ => "NL"), """{"label": "label"}""");

        var finding = Single(report, ValidationRules.ColumnConstant);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("'NL'", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Schema!.Features, f => f.Name == "country");
    }

    [Fact]
    public void Validate_FewerRowsThanMinimum_TooFewRows()
    {
        var report = Validate(CsvBuilder.Typical(19));

        var finding = Single(report, ValidationRules.TooFewRows);
        Assert.Contains("19 usable rows", finding.Message, StringComparison.Ordinal);
        Assert.Contains("at least 20", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.Schema);
    }

    [Fact]
    public void Validate_HeaderOnly_TooFewRows()
    {
        var report = Validate(CsvBuilder.WithColumns("x", "label"));

        Assert.Contains("no data rows", Single(report, ValidationRules.TooFewRows).Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Rows);
    }

    [Fact]
    public void Validate_OnlyConstantFeatures_NoFeatures()
    {
        var csv = CsvBuilder.WithColumns("country", "label").Rows(40, i => ["NL", i % 2 == 0 ? "a" : "b"]);

        var report = Validate(csv);

        Assert.Equal(Severity.Error, Single(report, ValidationRules.NoFeatures).Severity);
    }

    [Fact]
    public void Validate_LabelColumnAlone_NoFeatures()
    {
        var report = Validate(CsvBuilder.WithColumns("label").Rows(40, i => [i % 2 == 0 ? "a" : "b"]));

        Assert.Single(report.Findings, f => f.Rule == ValidationRules.NoFeatures);
    }

    [Fact]
    public void Validate_ErrorsAndWarnings_ErrorsComeFirst()
    {
        var csv = CsvBuilder.Typical(40).WithColumn("country", _ => "NL").WithColumn("empty", _ => "");

        var report = Validate(csv, """{"label": "label"}""");

        Assert.Equal([Severity.Error, Severity.Warning], report.Findings.Select(f => f.Severity));
    }
}
