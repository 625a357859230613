namespace Mlops.Core.Tests;

/// <summary>Draws from the standard normal distribution for generated test data (Box-Muller, two uniforms a draw).</summary>
internal static class StandardNormal
{
    public static double Draw(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
