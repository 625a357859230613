using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;

namespace Mlops.Core.Tests.Evaluation;

public class PrimaryMetricTests
{
    [Theory]
    [InlineData(MlTask.BinaryClassification, "auc", true)]
    [InlineData(MlTask.MulticlassClassification, "macroF1", true)]
    [InlineData(MlTask.Regression, "rmse", false)]
    public void For_EachTask_NamesItsMetricAndDirection(MlTask task, string metric, bool higherIsBetter)
    {
        Assert.Equal(metric, PrimaryMetric.For(task));
        Assert.Equal(higherIsBetter, PrimaryMetric.IsHigherBetter(metric));
    }

    [Theory]
    [InlineData("mae", false)]
    [InlineData("logLoss", false)]
    [InlineData("r2", true)]
    [InlineData("accuracy", true)]
    public void IsHigherBetter_SecondaryMetrics_KnowTheirDirection(string metric, bool higherIsBetter) =>
        Assert.Equal(higherIsBetter, PrimaryMetric.IsHigherBetter(metric));

    [Fact]
    public void IsHigherBetter_UnknownMetric_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrimaryMetric.IsHigherBetter("vibes"));
}
