namespace Mlops.Core.Monitoring;

/// <summary>
/// Kolmogorov's limiting distribution of sqrt(n)·D (scipy's kstwobign), from its two classical series. MathNet.Numerics
/// 5.0 has no Kolmogorov distribution, and this is the one function the KS p-value needs; it is a survival function,
/// not a quantile function, and both series converge to double precision within a handful of terms.
/// </summary>
internal static class KolmogorovDistribution
{
    /// <summary>P(K &gt; <paramref name="lambda"/>).</summary>
    public static double Survival(double lambda)
    {
        if (lambda <= 0)
        {
            return 1;
        }

        if (lambda < 1)
        {
            // P(K <= x) = sqrt(2 pi) / x · sum over k >= 1 of exp(-(2k - 1)^2 pi^2 / (8 x^2)), fast for small x.
            var cdf = 0.0;
            for (var k = 1; k <= 20; k++)
            {
                var odd = (2 * k) - 1;
                cdf += Math.Exp(-odd * odd * Math.PI * Math.PI / (8 * lambda * lambda));
            }

            return 1 - (Math.Sqrt(2 * Math.PI) / lambda * cdf);
        }

        // P(K > x) = 2 · sum over k >= 1 of (-1)^(k - 1) exp(-2 k^2 x^2), fast for x >= 1.
        var survival = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            survival += k % 2 == 1 ? term : -term;
            if (term < 1e-17)
            {
                break;
            }
        }

        return Math.Clamp(2 * survival, 0, 1);
    }
}
