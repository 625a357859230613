using Mlops.Core.Errors;
using Mlops.Core.Scoring;

namespace Mlops.Core.Tests.Scoring;

public class ScoringNamesTests
{
    [Theory]
    [InlineData("customers.csv")]
    [InlineData("2026-12 batch.CSV")]
    public void Validate_AFileNameEndingInCsv_IsAccepted(string file) => Assert.Equal(file, ScoringFiles.Validate(file));

    [Theory]
    [InlineData("")]
    [InlineData("x.parquet")]
    [InlineData("../x.csv")]
    [InlineData("a/b.csv")]
    [InlineData("a\\b.csv")]
    [InlineData(".csv")]
    [InlineData(".hidden.csv")]
    public void Validate_AnythingElse_IsRefusedNamingTheRule(string file)
    {
        var error = Assert.Throws<MlopsException>(() => ScoringFiles.Validate(file));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
        Assert.Contains("ending in .csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputNames_SitBesideEachOtherInTheModelsFolder()
    {
        Assert.Equal("churn/may.csv", ScoringFiles.Scored("churn", "may.csv"));
        Assert.Equal("churn/may.rejected.csv", ScoringFiles.Rejected("churn", "may.csv"));
    }

    [Fact]
    public void JobIds_DependOnFileContentAndVersion_AndAreStable()
    {
        var id = ScoringJobIds.For("churn", "may.csv", "\"0x1\"", 3);

        Assert.Equal(id, ScoringJobIds.For("churn", "may.csv", "\"0x1\"", 3));
        Assert.NotEqual(id, ScoringJobIds.For("churn", "may.csv", "\"0x2\"", 3));
        Assert.NotEqual(id, ScoringJobIds.For("churn", "may.csv", "\"0x1\"", 4));
        Assert.NotEqual(id, ScoringJobIds.For("churn", "june.csv", "\"0x1\"", 3));
        Assert.Matches("^score-churn-[0-9a-f]{16}$", id);
        Assert.True(ScoringJobIds.IsValid(id));
        Assert.False(ScoringJobIds.IsValid("churn-0123456789abcdef"));
    }
}
