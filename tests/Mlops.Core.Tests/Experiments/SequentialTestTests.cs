using System.Globalization;
using System.Text.Json;
using Mlops.Core.Experiments;
using Mlops.Testing;
using Xunit.Abstractions;

namespace Mlops.Core.Tests.Experiments;

/// <summary>The always-valid test simulated without HTTP: A/A false positives under continuous peeking, and power.</summary>
public class SequentialTestTests(ITestOutputHelper output)
{
    private const double Alpha = 0.05;
    private const int Batch = 100;

    [Fact]
    public void AThousandAaExperiments_ReadAfterEveryBatch_PromoteAtMostAlphaOfTheTime()
    {
        var random = new Random(2024);
        var promoted = 0;
        var rejected = 0;
        for (var experiment = 0; experiment < 1000; experiment++)
        {
            var (decided, look) = Run(random, 0.80, 0.80, maxPerVariant: 5_000);
            if (decided && look!.Estimate > 0)
            {
                promoted++;
            }

            rejected += decided ? 1 : 0;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A/A: {promoted} of 1000 promoted, {rejected} decided either way (alpha {Alpha}), looking every {Batch} per variant up to 5,000"));
        Assert.True(promoted <= 1000 * Alpha, $"{promoted} of 1000 A/A experiments promoted the challenger.");
        Assert.True(rejected <= 1000 * Alpha, $"{rejected} of 1000 A/A experiments found a difference.");
    }

    [Fact]
    public void AThreePointGain_IsDecidedSoonerThanTheFixedHorizonTestOfTheSamePower()
    {
        // The sequential test may run to a cap of four fixed horizons at 80% power; its power is what it reaches
        // by then, and the fixed-horizon test is sized for that same power.
        var random = new Random(7);
        var stops = new List<long>();
        var promoted = 0;
        const int Experiments = 400;
        var (champion, challenger) = (0.80, 0.83);
        var cap = (int)(4 * FixedHorizon.SamplesPerVariant(challenger - champion, champion * (1 - champion), challenger * (1 - challenger), Alpha, 0.8));
        for (var experiment = 0; experiment < Experiments; experiment++)
        {
            var (decided, look, samples) = RunCounting(random, champion, challenger, maxPerVariant: cap);
            if (decided && look!.Estimate > 0)
            {
                promoted++;
            }

            stops.Add(decided ? samples : long.MaxValue);
        }

        stops.Sort();
        var median = stops[stops.Count / 2];
        var power = Math.Min((double)promoted / Experiments, 0.99);
        var fixedHorizon = FixedHorizon.SamplesPerVariant(challenger - champion, champion * (1 - champion), challenger * (1 - challenger), Alpha, power);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"+3 points (0.80 to 0.83): promoted {promoted} of {Experiments} within {cap} per variant (power {power:0.###}); median {median} per variant to a decision; a fixed-horizon test of the same power needs {fixedHorizon} ({(double)median / fixedHorizon:0.##}x)"));
        Assert.True(power >= 0.8, $"only {promoted} of {Experiments} promoted");
        Assert.True(median < fixedHorizon, $"median {median} is not below the fixed horizon {fixedHorizon}");
    }

    [Fact]
    public void TheIntervalAndPValue_AgreeWithTheScipyReference()
    {
        var random = new Random(11);
        var (a, b) = (default(VariantTally), default(VariantTally));
        var looks = new List<(VariantTally A, VariantTally B, SequentialLook Look)>();
        SequentialLook? previous = null;
        for (var look = 0; look < 8; look++)
        {
            for (var i = 0; i < 60; i++)
            {
                a = a.Add(random.NextDouble() < 0.7 ? 1 : 0);
                b = b.Add(random.NextDouble() < 0.78 ? 1 : 0);
            }

            previous = SequentialTest.Look(a, b, Alpha, previous)!;
            looks.Add((a, b, previous));
        }

        var reference = Reference(looks.Select(l => (l.A, l.B)).ToList());

        for (var i = 0; i < looks.Count; i++)
        {
            var expected = reference[i];
            Assert.Equal(expected.GetProperty("estimate").GetDouble(), looks[i].Look.Estimate, 12);
            Assert.Equal(expected.GetProperty("pValue").GetDouble(), looks[i].Look.PValue, 8);
            Assert.Equal(expected.GetProperty("lower").GetDouble(), looks[i].Look.Lower, 8);
            Assert.Equal(expected.GetProperty("upper").GetDouble(), looks[i].Look.Upper, 8);
        }
    }

    [Fact]
    public void ThePValueNeverRises_AndTheIntervalOnlyNarrows()
    {
        var random = new Random(5);
        var (a, b) = (default(VariantTally), default(VariantTally));
        SequentialLook? previous = null;
        for (var look = 0; look < 50; look++)
        {
            for (var i = 0; i < 50; i++)
            {
                a = a.Add(random.NextDouble() < 0.5 ? 1 : 0);
                b = b.Add(random.NextDouble() < 0.5 ? 1 : 0);
            }

            var next = SequentialTest.Look(a, b, Alpha, previous)!;
            if (previous is not null)
            {
                Assert.True(next.PValue <= previous.PValue);
                Assert.True(next.Lower >= previous.Lower && next.Upper <= previous.Upper);
            }

            previous = next;
        }
    }

    [Fact]
    public void BelowTwoScoresPerVariant_ThereIsNoLookYet() =>
        Assert.Null(SequentialTest.Look(default(VariantTally).Add(1), default(VariantTally).Add(0).Add(1), Alpha));

    [Fact]
    public void WhileEveryScoreIsTheSame_TheLookHoldsNoLaterOne_ToItsIntervalOfWidthZero()
    {
        // Seen on the dashboard: both variants right on their first few labels gave an interval of width ~0 around 0,
        // and the running intersection then held every later look to it, away from its own estimate.
        var champion = Tally(1, 1, 1, 1);
        var challenger = Tally(1, 1, 1);

        var first = SequentialTest.Look(champion, challenger, Alpha)!;
        var later = SequentialTest.Look(champion.Add(1).Add(0), challenger.Add(0).Add(0).Add(1), Alpha, first)!;

        Assert.False(first.Informative);
        Assert.False(first.Significant);
        Assert.True(later.Informative);
        Assert.InRange(later.Estimate, later.Lower, later.Upper);
        Assert.True(later.Upper - later.Lower > 0.1, $"Interval {later.Lower} to {later.Upper}.");
    }

    [Fact]
    public void EveryChallengerScoreOneAndEveryChampionScoreZero_IsStillADifference()
    {
        // A guardrail's reading: the challenger failed every request, the champion none.
        var look = SequentialTest.Look(Tally(0, 0, 0, 0, 0), Tally(1, 1, 1, 1, 1), Alpha)!;

        Assert.True(look.Significant);
        Assert.True(look.Lower > 0.5);
    }

    private static VariantTally Tally(params double[] scores) => scores.Aggregate(default(VariantTally), (tally, score) => tally.Add(score));

    private static (bool Decided, SequentialLook? Look) Run(Random random, double champion, double challenger, int maxPerVariant)
    {
        var (decided, look, _) = RunCounting(random, champion, challenger, maxPerVariant);
        return (decided, look);
    }

    private static (bool Decided, SequentialLook? Look, long Samples) RunCounting(Random random, double champion, double challenger, int maxPerVariant)
    {
        var (a, b) = (default(VariantTally), default(VariantTally));
        SequentialLook? look = null;
        while (a.Count < maxPerVariant)
        {
            for (var i = 0; i < Batch; i++)
            {
                a = a.Add(random.NextDouble() < champion ? 1 : 0);
                b = b.Add(random.NextDouble() < challenger ? 1 : 0);
            }

            look = SequentialTest.Look(a, b, Alpha, look);
            if (look is { Significant: true })
            {
                return (true, look, a.Count);
            }
        }

        return (false, look, a.Count);
    }

    private static List<JsonElement> Reference(List<(VariantTally A, VariantTally B)> looks) =>
        [.. ReferenceScript.Run("sequential_reference.py", new
        {
            alpha = Alpha,
            tauScale = SequentialTest.DefaultTauScale,
            looks = looks.Select(l => new { a = new[] { l.A.Count, l.A.Sum, l.A.SumOfSquares }, b = new[] { l.B.Count, l.B.Sum, l.B.SumOfSquares } }),
        }).EnumerateArray()];
}
