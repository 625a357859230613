using Mlops.Core.Serving;

namespace Mlops.Core.Tests.Serving;

public sealed class PredictionIdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void AnId_IsAVersion7RfcGuid_OfTheMillisecondItWasMade()
    {
        var id = PredictionIds.New(Now);

        Assert.Matches("^[0-9a-f]{32}$", id);
        var guid = Guid.ParseExact(id, "N");
        Assert.Equal(7, guid.Version);
        Assert.Equal(0b10, guid.Variant >> 2);
        Assert.True(PredictionIds.TryGetTime(id, out var made));
        Assert.Equal(Now, made);
        Assert.Equal(Guid.CreateVersion7(Now).ToString("N")[..12], id[..12]);
    }

    [Fact]
    public void Ids_AreUnique_AcrossThreads_AndPastManyRefillsOfTheRandomPool()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                ids.Add(PredictionIds.New(Now));
            }
        });

        Assert.Equal(200_000, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ids_SortByTheTimeTheyWereMade_AndAboveTheirLowerBound()
    {
        var earlier = PredictionIds.New(Now);
        var later = PredictionIds.New(Now.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.True(string.CompareOrdinal(PredictionIds.LowerBound(Now), earlier) <= 0);
        Assert.True(string.CompareOrdinal(PredictionIds.LowerBound(Now.AddMilliseconds(1)), earlier) > 0);
    }

    [Fact]
    public void TheRandomBits_AreNotConstant()
    {
        // Each of the 74 random bits takes both values over a few thousand ids (a stuck bit would halve the space).
        var ids = Enumerable.Range(0, 4_000).Select(_ => Convert.FromHexString(PredictionIds.New(Now))).ToList();
        for (var bit = 52; bit < 128; bit++)
        {
            if (bit is >= 64 and < 66)
            {
                continue; // the variant bits
            }

            var ones = ids.Count(b => (b[bit / 8] & (0x80 >> (bit % 8))) != 0);
            Assert.InRange(ones, 1_700, 2_300);
        }
    }

    [Fact]
    public void ABatchRowsId_IsAVersion7Guid_OfTheJobsTime_TheSameWheneverMade_SortedByRow_AndDifferentPerJob()
    {
        var first = PredictionIds.ForRow(Now, "scoring-job-a", 0);
        var guid = Guid.ParseExact(first, "N");

        Assert.Equal(7, guid.Version);
        Assert.Equal(0b10, guid.Variant >> 2);
        Assert.True(PredictionIds.TryGetTime(first, out var made));
        Assert.Equal(Now, made);
        Assert.Equal(first, PredictionIds.ForRow(Now, "scoring-job-a", 0));
        string[] rows = [.. new long[] { 0, 1, 9, 10, 255, 256, 1_000_000, (1L << 40) - 1 }.Select(r => PredictionIds.ForRow(Now, "scoring-job-a", r))];
        Assert.Equal(rows.Order(StringComparer.Ordinal), rows);
        Assert.Equal(rows.Length, rows.Distinct().Count());
        Assert.NotEqual(first, PredictionIds.ForRow(Now, "scoring-job-b", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIds.ForRow(Now, "scoring-job-a", 1L << 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIds.ForRow(Now, "scoring-job-a", -1));
    }
}
