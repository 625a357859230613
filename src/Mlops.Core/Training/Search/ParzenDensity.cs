using MathNet.Numerics.Distributions;

namespace Mlops.Core.Training.Search;

/// <summary>
/// A one-dimensional Parzen estimator on [0, 1]: the uniform prior plus a Gaussian, truncated to the interval, at each
/// observed point, all weighted alike. Each point's bandwidth is the larger gap to its neighbouring points, clipped to
/// [1 / min(100, n + 1), 1]: dense clusters give narrow kernels and lone points wide ones, and the clip keeps a handful
/// of points from collapsing onto themselves (hyperopt's adaptive Parzen rule).
/// </summary>
internal sealed class ParzenDensity
{
    private const int MaxRejections = 32;

    private readonly double[] means;
    private readonly double[] bandwidths;
    private readonly double[] masses;

    public ParzenDensity(IEnumerable<double> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        means = [.. points.Select(p => Math.Clamp(p, 0, 1)).Order()];
        bandwidths = new double[means.Length];
        masses = new double[means.Length];
        var floor = 1.0 / Math.Min(100, means.Length + 1);
        for (var i = 0; i < means.Length; i++)
        {
            var left = i == 0 ? 0 : means[i] - means[i - 1];
            var right = i == means.Length - 1 ? 0 : means[i + 1] - means[i];
            bandwidths[i] = Math.Clamp(Math.Max(left, right), floor, 1);
            masses[i] = Normal.CDF(means[i], bandwidths[i], 1) - Normal.CDF(means[i], bandwidths[i], 0);
        }
    }

    /// <summary>The mixture's density at <paramref name="u"/>.</summary>
    public double Density(double u)
    {
        var sum = 1.0;
        for (var i = 0; i < means.Length; i++)
        {
            sum += Normal.PDF(means[i], bandwidths[i], u) / masses[i];
        }

        return sum / (means.Length + 1);
    }

    /// <summary>A draw from the mixture: a component chosen uniformly, then a point from it inside [0, 1].</summary>
    public double Sample(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var component = (int)(random.NextDouble() * (means.Length + 1));
        if (component >= means.Length)
        {
            return random.NextDouble();
        }

        for (var attempt = 0; attempt < MaxRejections; attempt++)
        {
            var u = means[component] + (bandwidths[component] * StandardNormal(random));
            if (u is >= 0 and <= 1)
            {
                return u;
            }
        }

        return means[component];
    }

    /// <summary>Box-Muller from two uniforms: our own generator, so a draw is the same on every runtime.</summary>
    private static double StandardNormal(SeededRandom random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
