using Mlops.Core.Profiling;

namespace Mlops.Core.Training.Search;

/// <summary>
/// The profiler's SplitMix64, seeded from an int: its sequence for a seed is fixed by this code, not by the runtime's
/// <see cref="Random"/> (whose algorithm may change between .NET versions), so a search plan is reproducible forever.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private SplitMix64 bits = new(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL);

    public ulong NextUInt64() => bits.Next();

    /// <summary>Uniform in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
