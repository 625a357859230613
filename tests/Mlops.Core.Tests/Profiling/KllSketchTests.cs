using Mlops.Core.Profiling;

namespace Mlops.Core.Tests.Profiling;

public class KllSketchTests
{
    private static WeightedValues View(KllSketch sketch) => WeightedValues.From(sketch.Items(), exact: false);

    [Fact]
    public void FewValues_AreKeptExactly()
    {
        var sketch = new KllSketch(512, seed: 1);
        for (var i = 100; i >= 1; i--)
        {
            sketch.Add(i);
        }

        var view = View(sketch);
        Assert.Equal(100, view.Total);
        Assert.Equal(50.5, view.Quantile(0.5));
        Assert.Equal(25, view.CountBelow(26));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MillionValues_RanksWithinHalfAPercent(int seed)
    {
        // Shuffled 0..n-1: the true rank of v is v, so the error of every quantile can be read off directly.
        const int N = 1_000_000;
        var values = Enumerable.Range(0, N).Select(i => (double)i).ToArray();
        new Random(seed).Shuffle(values);
        var sketch = new KllSketch(512, (ulong)seed);
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        var view = View(sketch);
        Assert.Equal(N, view.Total);
        for (var p = 0.01; p < 1; p += 0.01)
        {
            Assert.InRange(Math.Abs(view.Quantile(p) - (p * (N - 1))) / N, 0, 0.005);
        }
    }

    [Fact]
    public void WeightedAdd_CountsTheWeight()
    {
        var sketch = new KllSketch(64, seed: 1);
        sketch.Add(1.0, 1000);
        sketch.Add(2.0, 3000);

        var view = View(sketch);
        Assert.Equal(4000, view.Total);
        Assert.Equal(1000, view.CountBelow(1.5));
        Assert.Equal(2.0, view.Quantile(0.5));
    }

    [Fact]
    public void Memory_StaysBoundedForLongStreams()
    {
        var sketch = new KllSketch(200, seed: 3);
        for (var i = 0; i < 2_000_000; i++)
        {
            sketch.Add(i % 7919);
        }

        Assert.InRange(sketch.Items().Count(), 1, 1_500);
    }

    /// <summary>
    /// Merging survivors into sorted levels must keep exactly the items sorting every level keeps: same seed, same
    /// stream (with repeats, weights and an adversarial order), same items at the same weights.
    /// </summary>
    [Theory]
    [InlineData(64, 1, 0)]
    [InlineData(200, 7, 1)]
    [InlineData(512, 42, 2)]
    public void SortedMerges_KeepTheReferenceSketchsItems(int k, int seed, int order)
    {
        var random = new Random(seed);
        var sketch = new KllSketch(k, (ulong)seed);
        var reference = new ReferenceKllSketch(k, (ulong)seed);
        for (var i = 0; i < 300_000; i++)
        {
            var value = order switch
            {
                0 => Math.Round(random.NextDouble() * 1000, 1),
                1 => 300_000 - i,
                _ => random.NextDouble() < 0.5 ? i : -random.Next(50),
            };

            if (i % 1000 == 0)
            {
                var weight = random.Next(2, 5000);
                sketch.Add(value, weight);
                reference.Add(value, weight);
            }
            else
            {
                sketch.Add(value);
                reference.Add(value);
            }
        }

        Assert.Equal(reference.Count, sketch.Count);
        Assert.Equal(reference.Items().Order(), sketch.Items().Order());
    }
}
