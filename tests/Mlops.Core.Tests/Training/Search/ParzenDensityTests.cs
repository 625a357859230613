using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

public class ParzenDensityTests
{
    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.5 })]
    [InlineData(new[] { 0.0, 0.02, 0.9 })]
    [InlineData(new[] { 0.1, 0.11, 0.12, 0.13, 0.5, 1.0 })]
    public void Density_IntegratesToOneOverTheUnitInterval(double[] points)
    {
        var density = new ParzenDensity(points);
        const int steps = 20_000;

        var integral = Enumerable.Range(0, steps).Sum(i => density.Density((i + 0.5) / steps)) / steps;

        Assert.Equal(1, integral, 3);
    }

    [Fact]
    public void Density_IsHighestAtAClusterOfPoints()
    {
        var density = new ParzenDensity([0.2, 0.21, 0.22, 0.23]);

        Assert.True(density.Density(0.21) > 3 * density.Density(0.8));
    }

    [Fact]
    public void Sample_StaysInTheIntervalAndFollowsThePoints()
    {
        var density = new ParzenDensity([0.8, 0.82, 0.84, 0.86, 0.88]);
        var random = new SeededRandom(7);

        var draws = Enumerable.Range(0, 4_000).Select(_ => density.Sample(random)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0, 1));

        // Five of the six components sit near 0.84; the uniform prior puts a sixth of the draws anywhere.
        var near = draws.Count(d => d is > 0.6 and <= 1) / (double)draws.Count;
        Assert.InRange(near, 0.75, 0.95);
    }
}
