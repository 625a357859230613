using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core.Serving;

/// <summary>
/// Prediction ids are version-7 GUIDs as 32 hex digits: made in the request, unique without coordination, and ordered
/// by the millisecond they were made, which tells feedback whether an id it cannot find yet may still be on its way.
/// </summary>
public static class PredictionIds
{
    /// <summary>Random bytes drawn per refill: one system call serves this many ids instead of one each.</summary>
    private const int PoolBytes = 1_024;

    /// <summary>The random bits of a version-7 GUID (12 of rand_a, 62 of rand_b) fit in ten bytes.</summary>
    private const int RandomBytesPerId = 10;

    /// <summary>The largest row number <see cref="ForRow"/> takes: 40 bits.</summary>
    private const long MaxBatchRow = (1L << 40) - 1;

    [ThreadStatic]
    private static byte[]? pool;

    [ThreadStatic]
    private static int used;

    /// <remarks>
    /// Guid.CreateVersion7 asks the operating system for randomness on every call, which costs predict as much as
    /// scoring a row; this draws the same cryptographic randomness a kilobyte at a time per thread and lays out the
    /// same RFC 9562 fields.
    /// </remarks>
    public static string New(DateTimeOffset now)
    {
        var random = Take();
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = (ulong)Math.Max(0, now.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt64BigEndian(bytes, milliseconds << 16);
        random.CopyTo(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// The id of row <paramref name="row"/> of a batch job logged at <paramref name="at"/>: the same for the same job and
    /// row whenever it is made (a chunk scored again logs the same ids, so its rows are stored once), a job's ids sort by
    /// row (so a chunk's ids are one range, and feedback finds an id in one segment), and two jobs differ in the 34 bits
    /// drawn from the job's id.
    /// </summary>
    public static string ForRow(DateTimeOffset at, string jobId, long row)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(row, MaxBatchRow);
        Span<byte> job = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(jobId), job);
        var milliseconds = (ulong)Math.Max(0, at.ToUnixTimeMilliseconds());

        // 48 bits of time, version 7, 12 bits of the job (rand_a); variant, 22 more bits of the job and 40 of the row (rand_b).
        var high = (milliseconds << 16) | 0x7000UL | (BinaryPrimitives.ReadUInt16BigEndian(job) & 0x0FFFUL);
        var low = 0x8000_0000_0000_0000UL | ((BinaryPrimitives.ReadUInt32BigEndian(job[2..]) & 0x3F_FFFFUL) << 40) | (ulong)row;
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The smallest id made at <paramref name="at"/> (to the millisecond): ids sort by time as text.</summary>
    public static string LowerBound(DateTimeOffset at) =>
        Math.Max(0, at.ToUnixTimeMilliseconds()).ToString("x12", CultureInfo.InvariantCulture) + new string('0', 20);

    /// <summary>When the id was made; false for an id this product did not make.</summary>
    public static bool TryGetTime(string id, out DateTimeOffset made)
    {
        made = default;
        if (id is not { Length: 32 } || !Guid.TryParseExact(id, "N", out var guid) || guid.Version != 7
            || !long.TryParse(id.AsSpan(0, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return false;
        }

        made = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    private static ReadOnlySpan<byte> Take()
    {
        if (pool is null || used + RandomBytesPerId > PoolBytes)
        {
            pool ??= new byte[PoolBytes];
            RandomNumberGenerator.Fill(pool);
            used = 0;
        }

        var taken = pool.AsSpan(used, RandomBytesPerId);
        used += RandomBytesPerId;
        return taken;
    }
}
