namespace Mlops.Core.Training.Search;

/// <summary>
/// SplitMix64: a tiny generator whose sequence for a seed is fixed by this code, not by the runtime's
/// <see cref="Random"/> (whose algorithm may change between .NET versions), so a search plan is reproducible forever.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong state = unchecked((ulong)(uint)seed * Golden) ^ 0xD1B54A32D192ED03UL;

    public ulong NextUInt64()
    {
        var z = state = unchecked(state + Golden);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
