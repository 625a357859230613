namespace Mlops.Core.Profiling;

/// <summary>
/// Numbers in ascending order with weights: every value and its count when a column had few distinct values, or a
/// quantile sketch's items otherwise. Quantiles, ranks and histogram counts are read the same way from either.
/// </summary>
internal sealed class WeightedValues
{
    private readonly double[] values;

    // cumulative[i]: the weight of values[0..i].
    private readonly long[] cumulative;

    private WeightedValues(double[] values, long[] cumulative, bool exact)
    {
        this.values = values;
        this.cumulative = cumulative;
        Exact = exact;
    }

    public long Total => cumulative.Length == 0 ? 0 : cumulative[^1];

    /// <summary>True when the weights are the true counts of every value.</summary>
    public bool Exact { get; }

    public static WeightedValues From(IEnumerable<(double Value, long Weight)> items, bool exact)
    {
        var sorted = items.OrderBy(i => i.Value).ToList();
        var values = new List<double>(sorted.Count);
        var cumulative = new List<long>(sorted.Count);
        long total = 0;
        foreach (var (value, weight) in sorted)
        {
            total += weight;
            if (values.Count > 0 && values[^1] == value)
            {
                cumulative[^1] = total;
                continue;
            }

            values.Add(value);
            cumulative.Add(total);
        }

        return new WeightedValues([.. values], [.. cumulative], exact);
    }

    /// <summary>Linear interpolation between the order statistics around p·(n - 1), as numpy and pandas do.</summary>
    public double Quantile(double probability)
    {
        var position = probability * (Total - 1);
        var below = (long)Math.Floor(position);
        var fraction = position - below;
        var low = AtRank(below);
        return fraction == 0 ? low : low + ((AtRank(below + 1) - low) * fraction);
    }

    /// <summary>The weight of values strictly below <paramref name="bound"/>.</summary>
    public long CountBelow(double bound)
    {
        var index = Array.BinarySearch(values, bound);
        var first = index >= 0 ? index : ~index;
        return first == 0 ? 0 : cumulative[first - 1];
    }

    /// <summary>The weight of values strictly above <paramref name="bound"/>.</summary>
    public long CountAbove(double bound)
    {
        var index = Array.BinarySearch(values, bound);
        var last = index >= 0 ? index : ~index - 1;
        return Total - (last < 0 ? 0 : cumulative[last]);
    }

    /// <summary>Bins with edges at the quantiles i/bins (ties merged), the last closed at the maximum.</summary>
    public IReadOnlyList<HistogramBin> Histogram(int bins)
    {
        if (Total == 0)
        {
            return [];
        }

        var edges = new List<double> { values[0] };
        for (var i = 1; i < bins; i++)
        {
            var edge = Quantile((double)i / bins);
            if (edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        if (values[^1] > edges[^1] || edges.Count == 1)
        {
            edges.Add(values[^1]);
        }

        var result = new List<HistogramBin>(edges.Count - 1);
        for (var i = 0; i < edges.Count - 1; i++)
        {
            var last = i == edges.Count - 2;
            var upTo = last ? Total : CountBelow(edges[i + 1]);
            result.Add(new HistogramBin(edges[i], edges[i + 1], upTo - CountBelow(edges[i])));
        }

        return result;
    }

    private double AtRank(long rank)
    {
        // The first value whose cumulative weight passes the 0-based rank.
        var low = 0;
        var high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (cumulative[middle] > rank)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return values[low];
    }
}
