using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;

namespace Mlops.Core.Tests.Evaluation;

public class PromotionPolicyTests
{
    [Fact]
    public void Decide_NoChampion_PromotesTheFirstModel()
    {
        var decision = PromotionPolicy.Decide(MlTask.BinaryClassification, Metrics("auc", 0.9), null, null);

        Assert.True(decision.Promote);
        Assert.Contains("first model", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("AUC 0.900", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_BetterAuc_PromotesWithBothNumbers()
    {
        var decision = PromotionPolicy.Decide(MlTask.BinaryClassification, Metrics("auc", 0.991), 3, Evaluated("auc", 0.985));

        Assert.True(decision.Promote);
        Assert.Equal("Challenger AUC 0.991 beats champion v3 AUC 0.985 on the same holdout.", decision.Reason);
    }

    [Fact]
    public void Decide_WorseMacroF1_KeepsTheChampion()
    {
        var decision = PromotionPolicy.Decide(MlTask.MulticlassClassification, Metrics("macroF1", 0.91), 2, Evaluated("macroF1", 0.93));

        Assert.False(decision.Promote);
        Assert.Contains("0.910", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("v2 macro-F1 0.930", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_EqualMetric_KeepsTheChampion()
    {
        var decision = PromotionPolicy.Decide(MlTask.BinaryClassification, Metrics("auc", 0.95), 4, Evaluated("auc", 0.95));

        Assert.False(decision.Promote);
        Assert.Contains("ties", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LowerRmse_Promotes()
    {
        var decision = PromotionPolicy.Decide(MlTask.Regression, Metrics("rmse", 50.2), 1, Evaluated("rmse", 55.0));

        Assert.True(decision.Promote);
        Assert.Equal("Challenger RMSE 50.200 beats champion v1 RMSE 55.000 (lower is better) on the same holdout.", decision.Reason);
    }

    [Fact]
    public void Decide_HigherRmse_KeepsTheChampion()
    {
        var decision = PromotionPolicy.Decide(MlTask.Regression, Metrics("rmse", 60), 1, Evaluated("rmse", 55.0));

        Assert.False(decision.Promote);
    }

    [Fact]
    public void Decide_ChampionThatCannotReadTheData_PromotesAndSaysWhy()
    {
        var champion = new EvaluationResult(null, "The data has no column 'age', which the model needs as its feature.");

        var decision = PromotionPolicy.Decide(MlTask.BinaryClassification, Metrics("auc", 0.8), 5, champion);

        Assert.True(decision.Promote);
        Assert.Contains("v5", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("'age'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ChampionVersionWithoutResult_Promotes()
    {
        Assert.True(PromotionPolicy.Decide(MlTask.Regression, Metrics("rmse", 10), 2, null).Promote);
    }

    [Fact]
    public void Decide_NumbersEqualToThreeDecimals_ShowEnoughDigitsToDiffer()
    {
        var decision = PromotionPolicy.Decide(MlTask.BinaryClassification, Metrics("auc", 0.98512), 3, Evaluated("auc", 0.98508));

        Assert.Equal("Challenger AUC 0.98512 beats champion v3 AUC 0.98508 on the same holdout.", decision.Reason);
    }

    [Fact]
    public void Decide_ChallengerWithoutThePrimaryMetric_Throws() =>
        Assert.Throws<ArgumentException>(() => PromotionPolicy.Decide(MlTask.Regression, Metrics("r2", 0.5), null, null));

    private static Dictionary<string, double> Metrics(string key, double value) => new() { [key] = value };

    private static EvaluationResult Evaluated(string key, double value) => new(Metrics(key, value), null);
}
