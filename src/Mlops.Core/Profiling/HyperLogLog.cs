using System.Numerics;

namespace Mlops.Core.Profiling;

/// <summary>
/// Flajolet et al.'s HyperLogLog distinct counter over 64-bit hashes: 2^14 one-byte registers (16 KB) for a standard
/// error of about 0.8%, with linear counting for small cardinalities.
/// </summary>
internal sealed class HyperLogLog
{
    private const int Precision = 14;
    private const int RegisterCount = 1 << Precision;

    private readonly byte[] registers = new byte[RegisterCount];

    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));

        // The sentinel bit bounds the rank when the remaining bits are all zero.
        var rest = (hash << Precision) | (1UL << (Precision - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    public long Estimate()
    {
        var sum = 0.0;
        var zeros = 0;
        foreach (var register in registers)
        {
            sum += Math.ScaleB(1.0, -register);
            zeros += register == 0 ? 1 : 0;
        }

        var alpha = 0.7213 / (1 + (1.079 / RegisterCount));
        var estimate = alpha * RegisterCount * RegisterCount / sum;
        if (estimate <= 2.5 * RegisterCount && zeros > 0)
        {
            estimate = RegisterCount * Math.Log((double)RegisterCount / zeros);
        }

        return (long)Math.Round(estimate);
    }
}
