using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

public class HyperParameterTests
{
    [Fact]
    public void Sample_LogScale_SpreadsEvenlyOverOrdersOfMagnitude()
    {
        var parameter = new HyperParameter("l2", 1e-4, 10, LogScale: true);
        var random = new SeededRandom(1);

        var draws = Enumerable.Range(0, 5_000).Select(_ => parameter.Sample(random)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 1e-4, 10));
        // Five decades: about a fifth of the draws fall in each, so a tenth of the range holds most of them.
        Assert.InRange(draws.Count(d => d < 1e-3), 850, 1_150);
        Assert.InRange(draws.Count(d => d > 1), 850, 1_150);
    }

    [Fact]
    public void Sample_Integer_GivesWholeNumbersCoveringTheRangeEnds()
    {
        var parameter = new HyperParameter("leaves", 4, 8, IsInteger: true);
        var random = new SeededRandom(2);

        var draws = Enumerable.Range(0, 1_000).Select(_ => parameter.Sample(random)).ToHashSet();

        Assert.Equal([4.0, 5, 6, 7, 8], draws.Order());
    }

    [Fact]
    public void Sample_Continuous_KeepsFourSignificantDigits()
    {
        var parameter = new HyperParameter("learningRate", 0.01, 0.3, LogScale: true);

        var value = parameter.Sample(new SeededRandom(3));

        Assert.Equal(value, Math.Round(value, 4 - 1 - (int)Math.Floor(Math.Log10(value))));
        Assert.True(parameter.Contains(value));
    }
}
