using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core.Experiments;

/// <summary>
/// Sticky, stateless assignment of an entity to an experiment's variant: a hash of the experiment's salt and the
/// entity id picks one of <see cref="Buckets"/> buckets, and the challenger holds the lowest buckets up to its
/// traffic share. Every instance computes the same answer with nothing stored, and raising the share only adds
/// buckets, so a ramp never moves an entity out of the challenger.
/// </summary>
public static class VariantAssignment
{
    /// <summary>Traffic is split in steps of 0.01%.</summary>
    public const int Buckets = 10_000;

    /// <summary>The entity's bucket in [0, <see cref="Buckets"/>) for an experiment's salt.</summary>
    public static int Bucket(string salt, string entityId)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(entityId);
        var length = Encoding.UTF8.GetByteCount(salt) + 1 + Encoding.UTF8.GetByteCount(entityId);
        Span<byte> input = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(salt, input);
        input[written++] = 0;
        Encoding.UTF8.GetBytes(entityId, input[written..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);

        // 64 uniform bits reduced by multiply-shift: no modulo bias worth a bucket.
        var value = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return (int)(((UInt128)value * Buckets) >> 64);
    }

    /// <summary>Whether the entity is served by the challenger when it receives <paramref name="challengerTraffic"/> of requests.</summary>
    public static bool IsChallenger(string salt, string entityId, double challengerTraffic) =>
        Bucket(salt, entityId) < ChallengerBuckets(challengerTraffic);

    /// <summary>How many buckets a traffic share holds, rounded to the nearest bucket.</summary>
    public static int ChallengerBuckets(double challengerTraffic)
    {
        if (double.IsNaN(challengerTraffic) || challengerTraffic < 0 || challengerTraffic > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(challengerTraffic), challengerTraffic, "Traffic is a share in [0, 1].");
        }

        return (int)Math.Round(challengerTraffic * Buckets, MidpointRounding.AwayFromZero);
    }
}
