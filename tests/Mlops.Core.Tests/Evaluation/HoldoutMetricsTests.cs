using Mlops.Core.Evaluation;

namespace Mlops.Core.Tests.Evaluation;

public class HoldoutMetricsTests
{
    [Fact]
    public void MacroF1_IsTheMeanOfPerClassF1()
    {
        // Rows: actual, columns: predicted. F1 = 2TP / (2TP + FP + FN): 16/20, 10/16, 8/14.
        double[][] counts = [[8, 1, 1], [1, 5, 2], [1, 2, 4]];

        var macroF1 = HoldoutMetrics.MacroF1(counts);

        Assert.Equal(((16.0 / 20) + (10.0 / 16) + (8.0 / 14)) / 3, macroF1, 1e-12);
    }

    [Fact]
    public void MacroF1_ClassNeitherPresentNorPredicted_IsLeftOut()
    {
        double[][] counts = [[3, 1, 0], [1, 3, 0], [0, 0, 0]];

        Assert.Equal(0.75, HoldoutMetrics.MacroF1(counts), 1e-12);
    }

    [Fact]
    public void MacroF1_ClassPredictedButAbsent_CountsAsZero()
    {
        double[][] counts = [[4, 0, 0], [0, 3, 1], [0, 0, 0]];

        // F1: 1, 2*3/(2*3+0+1)=6/7, 0.
        Assert.Equal((1 + (6.0 / 7)) / 3, HoldoutMetrics.MacroF1(counts), 1e-12);
    }
}
