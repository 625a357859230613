using Mlops.Core.Datasets;
using Mlops.Core.Monitoring;

namespace Mlops.Core.Tests.Datasets;

public class ModelSpecMonitoringTests
{
    [Fact]
    public void Monitoring_IsReadWithEveryField()
    {
        var spec = ModelSpecParser.Parse(
            """
            {"monitoring": {"psi": 0.25, "jensenShannon": 0.15, "wasserstein": 0.2, "minSamples": 1000, "k": 4, "driftedFeatureShare": 0.5,
              "confidence": 0.9, "pageHinkleyDelta": 0.02, "pageHinkleyLambda": 80, "pageHinkleyMinObservations": 100, "cooldownHours": 12, "monthlyRetrainBudget": 0}}
            """,
            out var error);

        Assert.Null(error);
        Assert.Equal(
            new MonitoringSettings
            {
                PsiThreshold = 0.25,
                JensenShannonThreshold = 0.15,
                WassersteinThreshold = 0.2,
                MinSamples = 1000,
                ConsecutiveWindows = 4,
                DriftedFeatureShare = 0.5,
                Confidence = 0.9,
                PageHinkleyDelta = 0.02,
                PageHinkleyLambda = 80,
                PageHinkleyMinObservations = 100,
                CooldownHours = 12,
                MonthlyRetrainBudget = 0,
            },
            spec!.Monitoring);
    }

    [Fact]
    public void NoMonitoring_MeansTheDefaults()
    {
        var spec = ModelSpecParser.Parse("""{"monitoring": null}""", out _);

        Assert.Same(MonitoringSettings.Default, spec!.Monitoring);
        Assert.Equal((0.2, 0.1, 0.1, 500, 3, 0.3), (spec.Monitoring.PsiThreshold, spec.Monitoring.JensenShannonThreshold, spec.Monitoring.WassersteinThreshold, spec.Monitoring.MinSamples, spec.Monitoring.ConsecutiveWindows, spec.Monitoring.DriftedFeatureShare));
        Assert.Same(MonitoringSettings.Default, ModelSpecParser.Parse("{}", out _)!.Monitoring);
    }

    [Theory]
    [InlineData("""{"monitoring": {"k": 0}}""", "'monitoring.k' is 0, but it must be a whole number from 1 to 100.")]
    [InlineData("""{"monitoring": {"k": 2.5}}""", "'monitoring.k' is 2.5, but it must be a whole number from 1 to 100.")]
    [InlineData("""{"monitoring": {"psi": 0}}""", "'monitoring.psi' is 0, but it must be above 0 and at most 10.")]
    [InlineData("""{"monitoring": {"psi": "high"}}""", "'monitoring.psi' must be a number, but it is \"high\".")]
    [InlineData("""{"monitoring": {"jensenShannon": 1}}""", "'monitoring.jensenShannon' is 1, but it must be between 0 and 1, both excluded.")]
    [InlineData("""{"monitoring": {"wasserstein": -0.1}}""", "'monitoring.wasserstein' is -0.1, but it must be above 0 and at most 100.")]
    [InlineData("""{"monitoring": {"minSamples": 0}}""", "'monitoring.minSamples' is 0, but it must be a whole number from 1 to 100000000.")]
    [InlineData("""{"monitoring": {"driftedFeatureShare": 1.5}}""", "'monitoring.driftedFeatureShare' is 1.5, but it must be above 0 and at most 1.")]
    [InlineData("""{"monitoring": {"confidence": 0.3}}""", "'monitoring.confidence' is 0.3, but it must be between 0.5 and 0.999.")]
    [InlineData("""{"monitoring": {"pageHinkleyDelta": -1}}""", "'monitoring.pageHinkleyDelta' is -1, but it must be from 0 to 1.")]
    [InlineData("""{"monitoring": {"pageHinkleyLambda": 0}}""", "'monitoring.pageHinkleyLambda' is 0, but it must be above 0 and at most 1000000.")]
    [InlineData("""{"monitoring": {"pageHinkleyMinObservations": 0}}""", "'monitoring.pageHinkleyMinObservations' is 0, but it must be a whole number from 1 to 1000000.")]
    [InlineData("""{"monitoring": {"cooldownHours": -2}}""", "'monitoring.cooldownHours' is -2, but it must be from 0 to 8784 (a year).")]
    [InlineData("""{"monitoring": {"monthlyRetrainBudget": -1}}""", "'monitoring.monthlyRetrainBudget' is -1, but it must be a whole number from 0 to 1000.")]
    [InlineData("""{"monitoring": {"threshold": 0.2}}""", "'monitoring.threshold' is not a monitoring setting; they are psi, jensenShannon")]
    [InlineData("""{"monitoring": [1]}""", "'monitoring' must be an object such as")]
    public void ABadMonitoringBlock_IsRefusedNamingTheField(string json, string expected)
    {
        Assert.Null(ModelSpecParser.Parse(json, out var error));
        Assert.Contains(expected, error!.Message, StringComparison.Ordinal);
    }
}
