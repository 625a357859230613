using Mlops.Core.Profiling;

namespace Mlops.Core.Tests.Profiling;

public class SketchTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5_000)]
    [InlineData(300_000)]
    public void HyperLogLog_EstimatesDistinctWithinThreePercent(int distinct)
    {
        var sketch = new HyperLogLog();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < distinct; i++)
            {
                sketch.Add(ValueHash.Of("v" + i));
            }
        }

        Assert.InRange(sketch.Estimate(), distinct * 0.97, distinct * 1.03);
    }

    [Fact]
    public void FrequentItems_KeepsHeavyHittersWithLowerBoundCounts()
    {
        // 10% and 5% of the stream; every other value once. Values above 1/capacity of the stream are always kept.
        var items = new FrequentItems(capacity: 32);
        for (var i = 0; i < 100_000; i++)
        {
            var value = i % 10 == 0 ? "common" : i % 20 == 5 ? "second" : "rare" + i;
            items.Add(value, ValueHash.Of(value));
        }

        var top = items.Top(2);
        Assert.Equal(["common", "second"], top.Select(t => t.Value));
        Assert.InRange(top[0].Count, 10_000 - items.MaxError, 10_000);
        Assert.InRange(top[1].Count, 5_000 - items.MaxError, 5_000);
    }

    /// <summary>Keyed by hash and purged in place, the summary still counts as Misra-Gries over the strings does.</summary>
    [Fact]
    public void FrequentItems_MatchesAStringKeyedSummary()
    {
        var random = new Random(11);
        var items = new FrequentItems(capacity: 16);
        var reference = new Dictionary<string, long>(StringComparer.Ordinal);
        long referenceError = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var value = "v" + random.Next(random.Next(1, 400));
            var weight = random.Next(5) == 0 ? random.Next(1, 4) : 1;
            if (weight == 1)
            {
                items.Add(value.AsSpan(), ValueHash.Of(value));
            }
            else
            {
                items.Add(value, ValueHash.Of(value), weight);
            }

            reference[value] = reference.GetValueOrDefault(value) + weight;
            if (reference.Count > 32)
            {
                var median = reference.Values.Order().ElementAt(reference.Count / 2);
                reference = reference.Where(e => e.Value > median).ToDictionary(e => e.Key, e => e.Value - median, StringComparer.Ordinal);
                referenceError += median;
            }
        }

        var expected = reference.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(10).Select(e => new CategoryCount(e.Key, e.Value));
        Assert.Equal(expected, items.Top(10));
        Assert.Equal(referenceError, items.MaxError);
    }

    /// <summary>
    /// Batched adds and in-place subsampling against the definition: the sample level is the lowest at which the rows'
    /// distinct hashes fit the limit, and the rate is the sampled rows' duplicate share. Hashes crowd a few slots (low
    /// bits shared) so that re-placing rows after a subsample has long runs to get right.
    /// </summary>
    [Theory]
    [InlineData(1_000, 0)]
    [InlineData(4_096, 1)]
    public void DuplicateRowCounter_BatchedMatchesTheDefinition(int limit, int seed)
    {
        var random = new Random(seed);
        var hashes = Enumerable.Range(0, 120_000).Select(_ => ValueHash.Finish((ulong)random.Next(60_000)) & ~0x3F0UL).ToArray();
        var counter = new DuplicateRowCounter(limit);
        for (var start = 0; start < hashes.Length; start += 777)
        {
            counter.AddRange(hashes.AsSpan(start, Math.Min(777, hashes.Length - start)));
        }

        var level = 0;
        while (hashes.Where(h => level == 0 || h >> (64 - level) == 0).Distinct().Count() > limit)
        {
            level++;
        }

        var sampled = hashes.Where(h => level == 0 || h >> (64 - level) == 0).ToArray();
        Assert.Equal(Math.ScaleB(1.0, -level), counter.SampleRate);
        Assert.Equal(1 - ((double)sampled.Distinct().Count() / sampled.Length), counter.DuplicateRate, 12);
    }

    [Fact]
    public void DuplicateRowCounter_ExactBelowItsLimit()
    {
        var counter = new DuplicateRowCounter(limit: 1_000);
        for (var i = 0; i < 800; i++)
        {
            counter.Add(ValueHash.Finish((ulong)(i % 500)));
        }

        Assert.True(counter.Exact);
        Assert.Equal(300.0 / 800, counter.DuplicateRate, 9);
    }

    [Fact]
    public void DuplicateRowCounter_EstimatesFromAHashSampleAboveItsLimit()
    {
        // 400,000 rows: 300,000 distinct, a quarter repeated.
        var counter = new DuplicateRowCounter(limit: 4_096);
        for (var i = 0; i < 400_000; i++)
        {
            counter.Add(ValueHash.Finish((ulong)(i % 300_000)));
        }

        Assert.False(counter.Exact);
        Assert.InRange(counter.DuplicateRate, 0.23, 0.27);
        Assert.True(counter.SampleRate <= 1.0 / 64);
    }

    [Fact]
    public void RunningMoments_MatchesTheTwoPassFormula()
    {
        double[] values = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
        var moments = new RunningMoments();
        moments.Add(values[0]);
        moments.Add(values[1]);
        moments.Add(values[2], weight: 1);
        moments.Add(values[3]);

        Assert.Equal(1e9 + 10, moments.Mean, 6);
        Assert.Equal(Math.Sqrt(30), moments.StdDev, 6);
        Assert.Equal((1e9 + 4, 1e9 + 16), (moments.Min, moments.Max));
    }

    [Fact]
    public void WeightedValues_QuantilesInterpolateAsNumpy()
    {
        var view = WeightedValues.From([(1, 1), (2, 1), (3, 1), (4, 1)], exact: true);

        Assert.Equal(1.75, view.Quantile(0.25));
        Assert.Equal(2.5, view.Quantile(0.5));
        Assert.Equal(4, view.Quantile(1));
    }

    [Fact]
    public void WeightedValues_HistogramCountsEveryValueOnce()
    {
        var view = WeightedValues.From(Enumerable.Range(0, 1000).Select(i => ((double)(i % 97), 1L)), exact: true);

        var bins = view.Histogram(10);

        Assert.Equal(1000, bins.Sum(b => b.Count));
        Assert.Equal((0, 96), (bins[0].Lower, bins[^1].Upper));
        Assert.All(bins.Zip(bins.Skip(1)), pair => Assert.Equal(pair.First.Upper, pair.Second.Lower));
    }

    [Fact]
    public void WeightedValues_ConstantHasOneBin()
    {
        var bins = WeightedValues.From([(5, 40)], exact: true).Histogram(10);

        Assert.Equal(new HistogramBin(5, 5, 40), Assert.Single(bins));
    }

    [Fact]
    public void RowReservoir_KeepsEveryRowWhileItHasRoom()
    {
        var reservoir = new RowReservoir(10, [0], seed: 1);
        for (var i = 0; i < 7; i++)
        {
            reservoir.Offer(new Mlops.Core.Datasets.CsvRow([i.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6"], reservoir.Rows().Select(r => r[0]));
    }

    [Fact]
    public void RowReservoir_SamplesUniformly()
    {
        // 100 rows kept of 100,000: each tenth of the stream should hold about 10.
        var reservoir = new RowReservoir(1_000, [0], seed: 5);
        for (var i = 0; i < 100_000; i++)
        {
            reservoir.Offer(new Mlops.Core.Datasets.CsvRow([(i / 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }

        var perTenth = reservoir.Rows().GroupBy(r => r[0]).Select(g => g.Count()).ToList();
        Assert.Equal(10, perTenth.Count);
        Assert.All(perTenth, count => Assert.InRange(count, 60, 140));
    }
}
