using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Mlops.Core.Profiling;

/// <summary>
/// 64-bit hashes of cell values and of rows. Distinct counts (HyperLogLog) and duplicate rows are judged by these, so
/// they must be well mixed and stable across processes (string.GetHashCode is randomized per process).
/// </summary>
internal static class ValueHash
{
    public const ulong RowSeed = 0x243F6A8885A308D3UL;

    /// <summary>Stands for any missing value in a row's hash, whatever token spelled it.</summary>
    public const ulong Missing = 0x13198A2E03707344UL;

    public static ulong Of(ReadOnlySpan<char> value) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value));

    /// <summary>
    /// A cell's term in its row's profile hash, which is the <see cref="Finish"/> of the sum of its cells' terms: mixing
    /// in the column keeps it order-sensitive (a value moved to another column makes another row), and a sum can be
    /// added up by column groups on different threads in any order.
    /// </summary>
    public static ulong Cell(int column, ulong hash) => SplitMix64.Mix(hash ^ ((ulong)(column + 1) * 0xD6E8FEB86659FD93UL));

    /// <summary>Folds a cell's hash into its row's: order-sensitive and a bijection of the row so far for each cell.</summary>
    public static ulong Combine(ulong row, ulong cell) => BitOperations.RotateLeft((row ^ cell) * 0x9E3779B97F4A7C15UL, 29);

    /// <summary>The final avalanche (MurmurHash3's fmix64), so that every bit of a row hash depends on every cell.</summary>
    public static ulong Finish(ulong row)
    {
        row ^= row >> 33;
        row *= 0xFF51AFD7ED558CCDUL;
        row ^= row >> 33;
        row *= 0xC4CEB9FE1A85EC53UL;
        return row ^ (row >> 33);
    }
}
