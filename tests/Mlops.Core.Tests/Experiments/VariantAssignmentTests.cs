using System.Globalization;
using Mlops.Core.Experiments;

namespace Mlops.Core.Tests.Experiments;

public class VariantAssignmentTests
{
    private const string Salt = "exp-7f3a";

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void HundredThousandIds_SplitWithinOnePointOfTheWeights(double traffic)
    {
        var challengers = Ids(100_000).Count(id => VariantAssignment.IsChallenger(Salt, id, traffic));

        Assert.InRange(challengers / 100_000.0, traffic - 0.01, traffic + 0.01);
    }

    [Fact]
    public void ARampFromTenToTwentyPercent_MovesNoIdOutOfTheChallenger()
    {
        var ids = Ids(100_000).ToArray();
        var before = ids.Where(id => VariantAssignment.IsChallenger(Salt, id, 0.1)).ToHashSet();
        var after = ids.Where(id => VariantAssignment.IsChallenger(Salt, id, 0.2)).ToHashSet();

        Assert.Subset(after, before);
        Assert.InRange(after.Count - before.Count, 9_000, 11_000);
    }

    [Fact]
    public void TheSameIdAndSalt_AlwaysGetTheSameBucket_AndAnotherSaltReshuffles()
    {
        var ids = Ids(1_000).ToArray();

        Assert.Equal(ids.Select(id => VariantAssignment.Bucket(Salt, id)), ids.Select(id => VariantAssignment.Bucket(Salt, id)));
        var moved = ids.Count(id => VariantAssignment.Bucket(Salt, id) != VariantAssignment.Bucket("another", id));
        Assert.True(moved > 990);
    }

    [Fact]
    public void TheBucket_IsAFixedFunctionOfItsInputs()
    {
        // Pinned: a change to the hash would silently reassign every running experiment's users.
        Assert.Equal(VariantAssignment.Bucket("s", "user-1"), VariantAssignment.Bucket("s", "user-1"));
        Assert.InRange(VariantAssignment.Bucket("s", "user-1"), 0, VariantAssignment.Buckets - 1);
        Assert.Equal(ExpectedBucket("s", "user-1"), VariantAssignment.Bucket("s", "user-1"));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void TrafficOutsideZeroToOne_IsRefused(double traffic) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VariantAssignment.IsChallenger(Salt, "id", traffic));

    private static IEnumerable<string> Ids(int count) => Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"customer-{i}"));

    /// <summary>The documented rule computed independently: SHA-256 of salt, a zero byte and the id; the first 8 bytes big-endian; times 10,000, high 64 bits.</summary>
    private static int ExpectedBucket(string salt, string id)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(salt).Concat(new byte[] { 0 }).Concat(System.Text.Encoding.UTF8.GetBytes(id)).ToArray();
        var hash = System.Security.Cryptography.SHA256.HashData(bytes);
        var value = System.Numerics.BigInteger.Parse("0" + Convert.ToHexString(hash, 0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (int)(value * VariantAssignment.Buckets >> 64);
    }
}
