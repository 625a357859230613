using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Validation;
using Mlops.Testing;

namespace Mlops.Core.Tests.Validation;

/// <summary>The real datasets in samples/ go through the reader and the validator as an upload would.</summary>
public class SampleDatasetValidationTests
{
    private static ValidationReport Validate(string sample)
    {
        using var file = File.OpenRead(SampleDatasets.PathOf(sample));
        var read = CsvDatasetReader.Read(file);
        return new DatasetValidator(Options.Create(new ValidationOptions())).Validate(read, specJson: null);
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer, MlTask.BinaryClassification)]
    [InlineData(SampleDatasets.Iris, MlTask.MulticlassClassification)]
    [InlineData(SampleDatasets.Wine, MlTask.MulticlassClassification)]
    [InlineData(SampleDatasets.Diabetes, MlTask.Regression)]
    [InlineData(SampleDatasets.Digits, MlTask.MulticlassClassification)]
    public void Validate_Sample_PassesWithExpectedTask(string sample, MlTask task)
    {
        var report = Validate(sample);

        Assert.True(report.Passed, report.Summary);
        Assert.Equal("label", report.Schema!.Label);
        Assert.Equal(task, report.Schema.Task);
    }

    [Fact]
    public void Validate_BreastCancer_ClassLabelsInOrdinalOrder()
    {
        var report = Validate(SampleDatasets.BreastCancer);

        Assert.Equal(["benign", "malignant"], report.Schema!.ClassLabels);
        Assert.Equal(30, report.Schema.Features.Count);
        Assert.All(report.Schema.Features, f => Assert.Equal(ColumnKind.Numeric, f.Kind));
    }

    [Fact]
    public void Validate_Iris_ThreeClasses()
    {
        var report = Validate(SampleDatasets.Iris);

        Assert.Equal(["setosa", "versicolor", "virginica"], report.Schema!.ClassLabels);
        Assert.Equal(150, report.Rows);
        Assert.Equal(5, report.Columns);
    }

    [Fact]
    public void Validate_Diabetes_RegressionWithoutClasses()
    {
        var report = Validate(SampleDatasets.Diabetes);

        Assert.Empty(report.Schema!.ClassLabels);
        Assert.Equal(10, report.Schema.Features.Count);
    }

    [Fact]
    public void Validate_Digits_TenClassesInNumericOrderAndConstantPixelsLeftOut()
    {
        var report = Validate(SampleDatasets.Digits);

        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)), report.Schema!.ClassLabels);
        var classes = Assert.Single(report.Findings, f => f.Rule == ValidationRules.LabelAsClasses);
        Assert.Contains("10 whole numbers (0 to 9)", classes.Message, StringComparison.Ordinal);
        var constant = report.Findings.Where(f => f != classes).ToList();
        Assert.All(constant, f => Assert.Equal(ValidationRules.ColumnConstant, f.Rule));
        Assert.Equal(64 - constant.Count, report.Schema.Features.Count);
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer)]
    [InlineData(SampleDatasets.Iris)]
    [InlineData(SampleDatasets.Wine)]
    [InlineData(SampleDatasets.Diabetes)]
    [InlineData(SampleDatasets.Digits)]
    public void ValidateStreaming_Sample_NoErrorAndOnlyConstantColumnWarnings_BesidesNotes(string sample)
    {
        using var file = File.OpenRead(SampleDatasets.PathOf(sample));

        var report = new DatasetValidator(Options.Create(new ValidationOptions())).Validate(file, specJson: null);

        Assert.True(report.Passed, report.Summary);
        Assert.All(report.Findings.Where(f => f.Severity != Severity.Info), f => Assert.Equal((Severity.Warning, ValidationRules.ColumnConstant), (f.Severity, f.Rule)));
        Assert.Equal(report.Schema!.Features.Count + 1, report.Contract!.Columns.Count);
    }
}
