namespace Mlops.Core.Profiling;

/// <summary>
/// A small seeded generator (Steele, Lea and Flood's SplitMix64) for the profiler, the search's sampler and the
/// benchmark data, so that what they draw depends only on the seed, never on the runtime's <see cref="Random"/>.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in (0, 1]: never 0, so its logarithm is finite.</summary>
    public double NextUnit() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));

    public int Next(int exclusiveMax) => (int)((Next() >> 33) * (ulong)exclusiveMax >> 31);

    /// <summary>The same stateless mix, for hashing an index.</summary>
    public static ulong Mix(ulong value) => new SplitMix64(value).Next();
}
