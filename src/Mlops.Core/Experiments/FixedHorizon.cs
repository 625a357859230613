using MathNet.Numerics.Distributions;

namespace Mlops.Core.Experiments;

/// <summary>
/// The sample size per variant a classical fixed-horizon two-sided z-test needs: the yardstick a sequential test's
/// stopping times are reported against.
/// </summary>
public static class FixedHorizon
{
    /// <param name="effect">The true difference of means to detect.</param>
    /// <param name="varianceA">One variant's per-score variance.</param>
    /// <param name="varianceB">The other's.</param>
    /// <param name="alpha">Two-sided false-positive rate.</param>
    /// <param name="power">Chance of detecting <paramref name="effect"/>.</param>
    public static long SamplesPerVariant(double effect, double varianceA, double varianceB, double alpha, double power)
    {
        ArgumentOutOfRangeException.ThrowIfZero(effect);
        var z = Normal.InvCDF(0, 1, 1 - (alpha / 2)) + Normal.InvCDF(0, 1, power);
        return (long)Math.Ceiling(z * z * (varianceA + varianceB) / (effect * effect));
    }
}
