using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Validation;

public sealed class FindingMitigationsTests
{
    private static readonly Mitigation[] Applied =
    [
        new(MitigationKinds.ClassWeights, "label", "The rarest class is 5% of the commonest."),
        new(MitigationKinds.StratifiedSplit, "label", "The rare class stays on both sides."),
        new(MitigationKinds.ImputeMissing, "age", "30% of the values are missing."),
        new(MitigationKinds.ImputeMissing, "income", "25% of the values are missing."),
    ];

    [Fact]
    public void AClassImbalanceWarning_IsAnsweredByClassWeightsAndAStratifiedSplit()
    {
        var finding = new ValidationFinding(Severity.Warning, ValidationRules.ClassImbalance, "label", "imbalanced", 0.05, 0.1);

        var mitigation = FindingMitigations.For(finding, Applied);

        Assert.NotNull(mitigation);
        Assert.Contains("class-weights", mitigation, StringComparison.Ordinal);
        Assert.Contains("stratified-split", mitigation, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRateWarning_IsAnsweredByTheImputationOfItsOwnColumnOnly()
    {
        var mitigation = FindingMitigations.For(new ValidationFinding(Severity.Warning, ValidationRules.ColumnMissingRate, "age", "missing"), Applied);

        Assert.Equal("impute-missing: 30% of the values are missing.", mitigation);
    }

    [Fact]
    public void AFindingNothingWasDoneAbout_HasNoMitigation()
    {
        Assert.Null(FindingMitigations.For(new ValidationFinding(Severity.Warning, ValidationRules.OutlierRate, "age", "outliers"), Applied));
        Assert.Null(FindingMitigations.For(new ValidationFinding(Severity.Warning, ValidationRules.ColumnMissingRate, "height", "missing"), Applied));
    }
}
