using System.Text.Json;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;
using Mlops.Core.Tests.Datasets;
using Mlops.Core.Validation;
using Mlops.Testing;

namespace Mlops.Core.Tests.Validation;

/// <summary>The contract accepted data yields: what it holds, how it is versioned, and that it travels as JSON.</summary>
public class DataContractTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ValidationReport Validate(CsvBuilder csv, DataContract? previous = null) =>
        new DatasetValidator(Options.Create(new ValidationOptions()), new FixedClock(Now)).Validate(csv.ToStream(), null, previous);

    [Fact]
    public void Contract_HoldsSchemaAndProfilesOfLabelAndFeatures()
    {
        var report = Validate(QualityFixtures.Clean().With("country", _ => "NL"));

        var contract = report.Contract!;
        Assert.Equal(1, contract.Version);
        Assert.Equal(Now, contract.CreatedAt);
        Assert.Equal(report.Schema, contract.Schema);
        Assert.Equal(400, contract.Rows);
        Assert.Equal(["income", "tenure", "plan", "region", "churned"], contract.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Contract_NumericColumnHasQuantilesAndHistogram()
    {
        var income = Validate(QualityFixtures.Clean()).Contract!.Column("income")!;

        Assert.Equal(InferredType.Numeric, income.Type);
        var numeric = income.Numeric!;
        Assert.True(numeric.Exact);
        Assert.InRange(numeric.Mean, 47_000, 53_000);
        Assert.Equal([0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99], numeric.Quantiles.Select(q => q.Probability));
        Assert.Equal(10, income.Histogram.Count);
        Assert.Equal(400, income.Histogram.Sum(b => b.Count));
        Assert.All(income.Histogram, b => Assert.InRange(b.Count, 39, 41));
        Assert.Null(income.Categories);
    }

    [Fact]
    public void Contract_CategoricalColumnHasCategoriesAndTopValues()
    {
        var plan = Validate(QualityFixtures.Clean()).Contract!.Column("plan")!;

        Assert.Equal(InferredType.Categorical, plan.Type);
        Assert.Equal(["basic", "max", "plus", "pro"], plan.Categories);
        Assert.Equal(4, plan.TopCategories.Count);
        Assert.Equal(400, plan.TopCategories.Sum(c => c.Count));
        Assert.Empty(plan.Histogram);
    }

    [Fact]
    public void Contract_LabelHasItsClassesAsCategories()
    {
        var label = Validate(QualityFixtures.Clean()).Contract!.Column(QualityFixtures.Label)!;

        Assert.Equal(InferredType.Boolean, label.Type);
        Assert.Equal(["no", "yes"], label.Categories);
    }

    [Fact]
    public void Contract_VersionFollowsThePreviousOne()
    {
        var first = Validate(QualityFixtures.Clean()).Contract!;

        var second = Validate(QualityFixtures.Clean(seed: 8), first).Contract!;

        Assert.Equal(2, second.Version);
    }

    [Fact]
    public void FailedValidation_HasNoContract()
    {
        Assert.Null(Validate(QualityFixtures.Clean(10)).Contract);
    }

    [Theory]
    [InlineData(SampleDatasets.Digits)]
    [InlineData(SampleDatasets.Diabetes)]
    public void Report_RoundTripsThroughJson(string sample)
    {
        using var file = File.OpenRead(SampleDatasets.PathOf(sample));
        var report = new DatasetValidator(Options.Create(new ValidationOptions()), new FixedClock(Now)).Validate(file, null);

        var json = JsonSerializer.Serialize(report, MlopsJson.Options);
        var back = JsonSerializer.Deserialize<ValidationReport>(json, MlopsJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, MlopsJson.Options));
        Assert.Equal(report.Contract!.Columns.Count, back.Contract!.Columns.Count);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWithMitigations_RoundTripsThroughJson()
    {
        var report = Validate(QualityFixtures.Imbalanced());

        var back = JsonSerializer.Deserialize<ValidationReport>(JsonSerializer.Serialize(report, MlopsJson.Options), MlopsJson.Options)!;

        Assert.Equal(report.Mitigations, back.Mitigations);
        Assert.Equal(report.Findings, back.Findings);
    }

    [Fact]
    public void InMemoryAndStreamingValidation_Agree()
    {
        var csv = QualityFixtures.Clean().Map("income", (i, value) => i % 10 < 3 ? "NA" : value).With("country", _ => "NL");
        var validator = new DatasetValidator(Options.Create(new ValidationOptions()), new FixedClock(Now));

        var streamed = validator.Validate(csv.ToStream(), null);
        var inMemory = validator.Validate(CsvDatasetReader.Read(csv.ToStream()), null);

        Assert.Equal(
            JsonSerializer.Serialize(streamed, MlopsJson.Options),
            JsonSerializer.Serialize(inMemory, MlopsJson.Options));
    }
}
