using Microsoft.Extensions.Options;
using Mlops.Core.Tests.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Validation;

/// <summary>A model's spec moves the thresholds, and with them the outcome; a spec that is wrong is reported, never thrown.</summary>
public class SpecThresholdTests
{
    private static ValidationReport Validate(CsvBuilder csv, string? spec) =>
        new DatasetValidator(Options.Create(new ValidationOptions())).Validate(csv.ToStream(), spec).WithoutLabelNote();

    private static CsvBuilder ThirtyPercentMissing() => QualityFixtures.Clean().Map("income", (i, value) => i % 10 < 3 ? "" : value);

    [Fact]
    public void MaxMissingRateBelowTheRate_MakesMissingValuesAnError()
    {
        var report = Validate(ThirtyPercentMissing(), """{"thresholds": {"maxMissingRate": 0.25}}""");

        var finding = Assert.Single(report.Findings);
        Assert.Equal((ValidationRules.ColumnMissingRate, Severity.Error, 0.25), (finding.Rule, finding.Severity, finding.Threshold!.Value));
        Assert.Contains("List it under ignore in mlops.json", finding.Message, StringComparison.Ordinal);
        Assert.Contains("raise thresholds.maxMissingRate", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public void WarnMissingRateAboveTheRate_Silences()
    {
        var report = Validate(ThirtyPercentMissing(), """{"thresholds": {"warnMissingRate": 0.35}}""");

        Assert.Empty(report.Findings);
        Assert.True(report.Passed);
    }

    [Fact]
    public void MaxDuplicateRateAboveTheRate_MakesDuplicatesAWarning()
    {
        var csv = QualityFixtures.Clean(240).AppendCopies(Enumerable.Range(0, 160));

        var report = Validate(csv, """{"thresholds": {"maxDuplicateRate": 0.5}}""");

        var finding = Assert.Single(report.Findings);
        Assert.Equal((ValidationRules.DuplicateRows, Severity.Warning), (finding.Rule, finding.Severity));
        Assert.True(report.Passed);
    }

    [Fact]
    public void MinClassRatioBelowTheRatio_AcceptsTheImbalanceWithoutMitigation()
    {
        var report = Validate(QualityFixtures.Imbalanced(), """{"thresholds": {"minClassRatio": 0.01}}""");

        Assert.Empty(report.Findings);
        Assert.Empty(report.Mitigations);
    }

    [Fact]
    public void MaxLeakageScoreOfOne_LetsADeterministicFeatureThrough()
    {
        var report = Validate(QualityFixtures.WithLeak(QualityFixtures.Clean()), """{"thresholds": {"maxLeakageScore": 1}}""");

        Assert.Empty(report.Findings);
        Assert.True(report.Passed);
    }

    [Fact]
    public void MinRowsAboveTheRows_TooFewRows()
    {
        var report = Validate(QualityFixtures.Clean(), """{"thresholds": {"minRows": 1000}}""");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(ValidationRules.TooFewRows, finding.Rule);
        Assert.Equal((400, 1000), (finding.Observed!.Value, finding.Threshold!.Value));
    }

    [Fact]
    public void ConstantShareBelowOne_WarnsAboutNearlyConstantColumnsAndKeepsThem()
    {
        var csv = QualityFixtures.Clean().With("country", i => i % 50 == 0 ? "BE" : "NL");

        var report = Validate(csv, """{"thresholds": {"constantShare": 0.95}}""");

        var finding = Assert.Single(report.Findings);
        Assert.Equal((ValidationRules.ColumnConstant, "country", 0.98), (finding.Rule, finding.Column, finding.Observed!.Value));
        Assert.Contains(report.Schema!.Features, f => f.Name == "country");
    }

    [Fact]
    public void Thresholds_AreRecordedInTheContract()
    {
        var report = Validate(QualityFixtures.Clean(), """{"thresholds": {"maxOutlierRate": 0.1, "MinRows": 50}}""");

        Assert.Equal(new ValidationThresholds { MaxOutlierRate = 0.1, MinRows = 50 }, report.Contract!.Thresholds);
    }

    [Fact]
    public void SettingsThresholds_AreTheDefaultsSpecsOverride()
    {
        var validator = new DatasetValidator(Options.Create(new ValidationOptions { MaxMissingFraction = 0.25 }));

        var report = validator.Validate(ThirtyPercentMissing().ToStream(), """{"thresholds": {"maxMissingRate": 0.4}}""");

        Assert.True(report.Passed);
        Assert.Equal(0.4, report.Contract!.Thresholds.MaxMissingRate);
    }

    [Theory]
    [InlineData("""{"thresholds": {"maxMissingness": 0.3}}""", "'thresholds.maxMissingness' is not a threshold")]
    [InlineData("""{"thresholds": {"maxMissingRate": 1.5}}""", "'thresholds.maxMissingRate' is 1.5, but it must be between 0 and 1")]
    [InlineData("""{"thresholds": {"minRows": 10.5}}""", "must be a whole number")]
    [InlineData("""{"thresholds": {"maxMissingRate": "high"}}""", "must be a number")]
    [InlineData("""{"thresholds": [0.3]}""", "'thresholds' must be an object")]
    [InlineData("""{"primaryMetric": "vibes"}""", "'primaryMetric' is \"vibes\", but it must be one of")]
    [InlineData("""{"label": "churned", "id": ["churned"]}""", "also lists it under id")]
    public void InvalidSpec_IsReportedNotThrown(string spec, string expected)
    {
        var report = Validate(QualityFixtures.Clean(), spec);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((ValidationRules.InvalidSpec, Severity.Error), (finding.Rule, finding.Severity));
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
        Assert.Null(report.Contract);
    }

    [Fact]
    public void PrimaryMetricTheTaskDoesNotReport_InvalidSpec()
    {
        var report = Validate(QualityFixtures.Clean(), """{"primaryMetric": "rmse"}""");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(ValidationRules.InvalidSpec, finding.Rule);
        Assert.Contains("\"auc\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PositiveClass_PutsTheNamedClassSecond_WhereTheModelsProbabilityIsAboutIt()
    {
        var inferred = Validate(QualityFixtures.Clean(), spec: null);
        var named = Validate(QualityFixtures.Clean(), """{"positiveClass": "no", "primaryMetric": "averagePrecision"}""");

        Assert.Equal(["no", "yes"], inferred.Schema!.ClassLabels);
        Assert.Equal(["yes", "no"], named.Schema!.ClassLabels);
        Assert.Equal("averagePrecision", named.Contract!.PrimaryMetric);
    }

    [Theory]
    [InlineData("""{"positiveClass": "maybe"}""", "positiveClass \"maybe\", which label 'churned' does not hold; its values are 'no', 'yes'")]
    [InlineData("""{"positiveClass": "yes", "task": "regression", "label": "tenure"}""", "is trained as Regression; a positive class is one of the two values of a binary label")]
    [InlineData("""{"positiveClass": ["yes"]}""", "'positiveClass' must be one of the label's values")]
    public void PositiveClass_ThatIsNoneOfTheLabelsValues_InvalidSpec(string spec, string expected)
    {
        var report = Validate(QualityFixtures.Clean(), spec);

        var finding = Assert.Single(report.Findings, f => f.Rule == ValidationRules.InvalidSpec);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public void PrimaryMetric_IsRecordedInTheContract()
    {
        var report = Validate(QualityFixtures.Clean(), """{"primaryMetric": "F1"}""");

        Assert.Equal("f1", report.Contract!.PrimaryMetric);
    }

    [Fact]
    public void InvalidSpecAndUnreadableFile_BothReported()
    {
        var report = new DatasetValidator(Options.Create(new ValidationOptions())).Validate(new MemoryStream([]), """{"task": 3}""");

        Assert.Equal([ValidationRules.EmptyFile, ValidationRules.InvalidSpec], report.Findings.Select(f => f.Rule));
    }

    [Fact]
    public void IdColumn_IsLeftOutOfDuplicateRows()
    {
        var withIds = QualityFixtures.Clean(240).AppendCopies(Enumerable.Range(0, 160)).With("customer", i => "C" + i);

        var inferred = Validate(withIds, spec: null);
        var declared = Validate(withIds, """{"id": ["customer"]}""");

        // Unique ids make every row distinct; declared as ids, they no longer hide the copies.
        Assert.Equal(ValidationRules.IdentifierColumn, Assert.Single(inferred.Findings).Rule);
        Assert.Equal(ValidationRules.DuplicateRows, Assert.Single(declared.Findings).Rule);
    }

    [Fact]
    public void IdColumn_IsRecordedInTheContractAndIsNoFeature()
    {
        var report = Validate(QualityFixtures.Clean().With("customer", i => "C" + i), """{"id": ["customer"]}""");

        Assert.Empty(report.Findings);
        Assert.Equal(["customer"], report.Contract!.IdColumns);
        Assert.DoesNotContain(report.Schema!.Features, f => f.Name == "customer");
    }
}
