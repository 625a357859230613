using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;

namespace Mlops.Core.Tests.Datasets;

public class ModelSpecGatesTests
{
    [Fact]
    public void Gates_AreReadWithEveryField()
    {
        var spec = ModelSpecParser.Parse(
            """{"gates": {"thresholds": {"AUC": {"min": 0.8}, "logLoss": {"max": 0.4}}, "minImprovement": 0.02, "improvement": "relative", "confidence": 0.9, "resamples": 500}}""",
            out var error);

        Assert.Null(error);
        var gates = spec!.Gates;
        Assert.Equal(new MetricBounds(0.8, null), gates.Thresholds[MetricNames.Auc]);
        Assert.Equal(new MetricBounds(null, 0.4), gates.Thresholds[MetricNames.LogLoss]);
        Assert.Equal(0.02, gates.MinImprovement);
        Assert.True(gates.Relative);
        Assert.Equal(0.9, gates.Confidence);
        Assert.Equal(500, gates.Resamples);
    }

    [Fact]
    public void NoGates_MeanTheDefaults_AnIntervalAboveZero()
    {
        var spec = ModelSpecParser.Parse("{}", out _);

        Assert.Same(EvaluationGates.Default, spec!.Gates);
        Assert.Equal(0, spec.Gates.MinImprovement);
        Assert.Equal(0.95, spec.Gates.Confidence);
    }

    [Theory]
    [InlineData("""{"gates": {"thresholds": {"aucc": {"min": 0.8}}}}""", "'gates.thresholds.aucc' is not a metric")]
    [InlineData("""{"gates": {"minImprovement": -0.01}}""", "'gates.minImprovement' is -0.01, but it must not be negative")]
    [InlineData("""{"gates": {"minImprovement": "a lot"}}""", "'gates.minImprovement' must be a number")]
    [InlineData("""{"gates": {"improvement": "percent"}}""", "'gates.improvement' is \"percent\", but it must be \"absolute\" or \"relative\"")]
    [InlineData("""{"gates": {"confidence": 1.5}}""", "'gates.confidence' is 1.5")]
    [InlineData("""{"gates": {"resamples": 10}}""", "'gates.resamples' is 10")]
    [InlineData("""{"gates": {"resamples": 500.5}}""", "'gates.resamples' is 500.5, but it must be a whole number from 200 to 10000")]
    [InlineData("""{"gates": {"thresholds": {"auc": {"min": 0.9, "max": 0.8}}}}""", "has min 0.9 above max 0.8")]
    [InlineData("""{"gates": {"thresholds": {"auc": {"least": 0.9}}}}""", "'gates.thresholds.auc.least' is not a bound")]
    [InlineData("""{"gates": {"thresholds": {"auc": {}}}}""", "'gates.thresholds.auc' sets no bound")]
    [InlineData("""{"gates": {"thresholds": {"auc": 0.8}}}""", "'gates.thresholds.auc' must be an object")]
    [InlineData("""{"gates": {"speed": 1}}""", "'gates.speed' is not a gate setting")]
    [InlineData("""{"gates": []}""", "'gates' must be an object")]
    public void ABadGate_IsRefusedNamingTheField(string json, string expected)
    {
        var spec = ModelSpecParser.Parse(json, out var error);

        Assert.Null(spec);
        Assert.Contains(expected, error!.Message, StringComparison.Ordinal);
    }
}
