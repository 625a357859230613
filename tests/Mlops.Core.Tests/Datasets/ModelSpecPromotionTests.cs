using Mlops.Core.Datasets;
using Mlops.Core.Experiments;

namespace Mlops.Core.Tests.Datasets;

public class ModelSpecPromotionTests
{
    [Fact]
    public void Promotion_IsReadWithEveryField()
    {
        var spec = ModelSpecParser.Parse(
            """{"promotion": {"strategy": "AB", "challengerTraffic": 0.2, "alpha": 0.01, "minSamples": 50, "maxSamples": 900, "maxDays": 3, "lookIntervalSeconds": 30, "requireApproval": true, "minImprovement": 0.01, "maxErrorRateIncrease": 0.02, "maxLatencyIncreaseMs": 3.5}}""",
            out var error);

        Assert.Null(error);
        Assert.Equal(
            new PromotionSettings { Strategy = PromotionStrategies.Ab, ChallengerTraffic = 0.2, Alpha = 0.01, MinSamples = 50, MaxSamples = 900, MaxDays = 3, LookIntervalSeconds = 30, RequireApproval = true, MinImprovement = 0.01, MaxErrorRateIncrease = 0.02, MaxLatencyIncreaseMs = 3.5 },
            spec!.Promotion);
    }

    [Fact]
    public void Shadow_MayScoreAllOfTheTraffic()
    {
        var spec = ModelSpecParser.Parse("""{"promotion": {"strategy": "shadow", "challengerTraffic": 1}}""", out var error);

        Assert.Null(error);
        Assert.Equal(PromotionStrategies.Shadow, spec!.Promotion.Strategy);
        Assert.Equal(1, spec.Promotion.ChallengerTraffic);
    }

    [Fact]
    public void NoPromotion_MeansHoldout() => Assert.Equal(PromotionStrategies.Holdout, ModelSpecParser.Parse("{}", out _)!.Promotion.Strategy);

    [Theory]
    [InlineData("""{"promotion": {"strategy": "canary"}}""", "'promotion.strategy' is \"canary\"")]
    [InlineData("""{"promotion": {"strategy": "ab", "challengerTraffic": 1}}""", "'promotion.challengerTraffic' is 1, which only the \"shadow\" strategy allows")]
    [InlineData("""{"promotion": {"challengerTraffic": 1.5}}""", "'promotion.challengerTraffic' is 1.5, but it must be above 0 and at most 1")]
    [InlineData("""{"promotion": {"maxErrorRateIncrease": -0.1}}""", "'promotion.maxErrorRateIncrease' is -0.1")]
    [InlineData("""{"promotion": {"maxLatencyIncreaseMs": "fast"}}""", "'promotion.maxLatencyIncreaseMs' must be a number")]
    [InlineData("""{"promotion": {"challengerTraffic": 0}}""", "'promotion.challengerTraffic' is 0")]
    [InlineData("""{"promotion": {"alpha": 0.9}}""", "'promotion.alpha' is 0.9")]
    [InlineData("""{"promotion": {"minSamples": 2.5}}""", "'promotion.minSamples' is 2.5, but it must be a whole number")]
    [InlineData("""{"promotion": {"minSamples": 500, "maxSamples": 100}}""", "'promotion.minSamples' (500) is above 'promotion.maxSamples' (100)")]
    [InlineData("""{"promotion": {"requireApproval": "yes"}}""", "'promotion.requireApproval' must be true or false")]
    [InlineData("""{"promotion": {"minImprovement": -1}}""", "'promotion.minImprovement' is -1, but it must not be negative")]
    [InlineData("""{"promotion": {"speed": 1}}""", "'promotion.speed' is not a promotion setting")]
    [InlineData("""{"promotion": "ab"}""", "'promotion' must be an object")]
    public void ABadPromotion_IsRefusedNamingTheField(string json, string expected)
    {
        Assert.Null(ModelSpecParser.Parse(json, out var error));
        Assert.Contains(expected, error!.Message, StringComparison.Ordinal);
    }
}
