using Mlops.Core.Registry;
using Mlops.Core.Retention;

namespace Mlops.Core.Tests.Retention;

public sealed class RetentionPolicyTests
{
    private static readonly int[] Fifteen = [.. Enumerable.Range(1, 15)];

    [Fact]
    public void Decide_NoAliasesOrPins_KeepsTheNewestN_AndDeletesTheRestOldestFirst()
    {
        var decision = RetentionPolicy.Decide(Fifteen, [], [], keepVersions: 10);

        Assert.Equal(Enumerable.Range(6, 10), decision.Kept);
        Assert.Equal(Enumerable.Range(1, 5), decision.Delete);
        Assert.Empty(decision.Pinned);
    }

    [Fact]
    public void Decide_AliasesOnOldVersions_KeepsThem_WithTheAliasAsReason()
    {
        AliasState[] aliases = [new("champion", 2, "e1"), new("challenger", 4, "e2"), new("stable", 2, "e3")];

        var decision = RetentionPolicy.Decide(Fifteen, aliases, [], keepVersions: 10);

        Assert.Equal([2, 4, .. Enumerable.Range(6, 10)], decision.Kept);
        Assert.Equal([1, 3, 5], decision.Delete);
        Assert.Equal("alias champion; alias stable", decision.Pinned[2]);
        Assert.Equal("alias challenger", decision.Pinned[4]);
    }

    [Fact]
    public void Decide_PinnedVersion_IsKept_WithThePinsReason()
    {
        var decision = RetentionPolicy.Decide(Fifteen, [], [new RetentionPin(3, "experiment exp-1 challenger")], keepVersions: 10);

        Assert.Contains(3, decision.Kept);
        Assert.DoesNotContain(3, decision.Delete);
        Assert.Equal("experiment exp-1 challenger", decision.Pinned[3]);
    }

    [Fact]
    public void Decide_AliasInsideTheNewest_IsExplainedToo_AndDeletesNothingMore()
    {
        var decision = RetentionPolicy.Decide(Fifteen, [new AliasState("champion", 15, "e")], [], keepVersions: 10);

        Assert.Equal(Enumerable.Range(1, 5), decision.Delete);
        Assert.Equal("alias champion", decision.Pinned[15]);
    }

    [Fact]
    public void Decide_AliasOrPinOnAMissingVersion_KeepsNothingExtra()
    {
        var decision = RetentionPolicy.Decide([1, 2, 3], [new AliasState("champion", 9, "e")], [new RetentionPin(7, "gone")], keepVersions: 1);

        Assert.Equal([3], decision.Kept);
        Assert.Equal([1, 2], decision.Delete);
        Assert.Empty(decision.Pinned);
    }

    [Fact]
    public void Decide_FewerVersionsThanN_DeletesNothing()
    {
        var decision = RetentionPolicy.Decide([4, 1, 2], [], [], keepVersions: 10);

        Assert.Equal([1, 2, 4], decision.Kept);
        Assert.Empty(decision.Delete);
    }

    [Fact]
    public void Decide_KeepingOne_KeepsTheNewestVersionEvenWithGaps()
    {
        var decision = RetentionPolicy.Decide([1, 5, 9], [], [], keepVersions: 1);

        Assert.Equal([9], decision.Kept);
        Assert.Equal([1, 5], decision.Delete);
    }

    [Fact]
    public void Decide_KeepingFewerThanOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionPolicy.Decide(Fifteen, [], [], keepVersions: 0));
    }
}
