namespace Mlops.Core.Profiling;

/// <summary>
/// Count, mean, variance, minimum and maximum in one pass (West's weighted form of Welford's update), numerically stable
/// where summing squares would cancel.
/// </summary>
internal struct RunningMoments()
{
    private double m2;

    public long Count { get; private set; }

    public double Mean { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>The sample standard deviation (n - 1), 0 below two values.</summary>
    public readonly double StdDev => Count < 2 ? 0 : Math.Sqrt(Math.Max(0, m2 / (Count - 1)));

    public void Add(double value, long weight = 1)
    {
        Count += weight;
        var delta = value - Mean;
        Mean += delta * weight / Count;
        m2 += weight * delta * (value - Mean);
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }
}
