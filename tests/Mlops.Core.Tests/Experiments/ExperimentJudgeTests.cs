using Mlops.Core.Experiments;

namespace Mlops.Core.Tests.Experiments;

public class ExperimentJudgeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AClearlyBetterChallenger_WithEnoughSamples_IsPromoted()
    {
        var verdict = Judge(Experiment(), Tally(1000, 0.70, 1), Tally(1000, 0.85, 2));

        Assert.Equal(ExperimentStatuses.Promoted, verdict.Outcome);
        Assert.True(verdict.Look.Test!.Lower > 0);
        Assert.Contains("beats champion v1", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ABetterChallenger_BelowMinSamples_KeepsRunning()
    {
        var verdict = Judge(Experiment() with { Settings = PromotionSettings.Default with { MinSamples = 5000 } }, Tally(1000, 0.70, 1), Tally(1000, 0.85, 2));

        Assert.Null(verdict.Outcome);
    }

    [Fact]
    public void ABetterChallenger_UnderRequireApproval_AwaitsIt()
    {
        var verdict = Judge(Experiment() with { Settings = PromotionSettings.Default with { RequireApproval = true } }, Tally(1000, 0.70, 1), Tally(1000, 0.85, 2));

        Assert.Equal(ExperimentStatuses.AwaitingApproval, verdict.Outcome);
    }

    [Fact]
    public void AClearlyWorseChallenger_IsRolledBack_EvenBelowMinSamples()
    {
        var verdict = Judge(Experiment() with { Settings = PromotionSettings.Default with { MinSamples = 5000 } }, Tally(1000, 0.85, 3), Tally(1000, 0.60, 4));

        Assert.Equal(ExperimentStatuses.RolledBack, verdict.Outcome);
        Assert.True(verdict.Look.Test!.Upper < 0);
    }

    [Fact]
    public void ForSquaredError_ALowerErrorIsBetter()
    {
        var experiment = Experiment() with { Metric = ExperimentMetrics.SquaredError };
        var random = new Random(5);
        var (champion, challenger) = (default(VariantTally), default(VariantTally));
        for (var i = 0; i < 1000; i++)
        {
            champion = champion.Add(Math.Pow(random.NextDouble() * 4, 2));
            challenger = challenger.Add(Math.Pow(random.NextDouble() * 2, 2));
        }

        Assert.Equal(ExperimentStatuses.Promoted, Judge(experiment, champion, challenger).Outcome);
        Assert.Equal(ExperimentStatuses.RolledBack, Judge(experiment, challenger, champion).Outcome);
    }

    [Fact]
    public void NoDifference_EndsInconclusive_AtTheSampleCap()
    {
        var experiment = Experiment() with { Settings = PromotionSettings.Default with { MaxSamples = 500 } };

        var verdict = Judge(experiment, Tally(600, 0.8, 7), Tally(600, 0.8, 8));

        Assert.Equal(ExperimentStatuses.Inconclusive, verdict.Outcome);
    }

    [Fact]
    public void NoDifference_EndsInconclusive_AfterMaxDays()
    {
        var verdict = ExperimentJudge.Judge(Experiment(), Tally(100, 0.8, 7), Tally(100, 0.8, 8), Serving(100, 100), Start.AddDays(15));

        Assert.Equal(ExperimentStatuses.Inconclusive, verdict.Outcome);
        Assert.Contains("14 days", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AChallengerThatFailsItsRows_IsRolledBackByTheErrorGuardrail_BeforeAnyLabel()
    {
        var serving = new ExperimentServing(Answered(200, latencyMs: 0.2, seed: 1), Answered(40, latencyMs: 0.2, seed: 2) with { Errors = Ones(40, 30) });

        var verdict = ExperimentJudge.Judge(Experiment(), default, default, serving, Start.AddHours(1));

        Assert.Equal(ExperimentStatuses.RolledBack, verdict.Outcome);
        Assert.Contains("Guardrail errorRate broken", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("30 of 40", verdict.Reason, StringComparison.Ordinal);
        Assert.True(verdict.Look.Guardrails.Single(g => g.Name == Guardrails.ErrorRate).Broken);
    }

    [Fact]
    public void AChallengerMuchSlowerThanTheLimit_IsRolledBackByTheLatencyGuardrail()
    {
        var serving = new ExperimentServing(Answered(300, latencyMs: 0.5, seed: 3), Answered(300, latencyMs: 25, seed: 4));

        var verdict = ExperimentJudge.Judge(Experiment(), Tally(300, 0.8, 7), Tally(300, 0.9, 8), serving, Start.AddHours(1));

        Assert.Equal(ExperimentStatuses.RolledBack, verdict.Outcome);
        Assert.Contains("Guardrail latencyMs broken", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 0.6, 0)]
    [InlineData(0.5, 8, 0)]
    [InlineData(0.5, 0.5, 2)]
    public void SlowerWithinTheLimit_OrRareFailures_BreakNoGuardrail(double championMs, double challengerMs, int failures)
    {
        var challenger = Answered(300, challengerMs, seed: 6);
        var serving = new ExperimentServing(Answered(300, championMs, seed: 5), challenger with { Errors = Ones(300, failures) });

        var verdict = ExperimentJudge.Judge(Experiment(), Tally(100, 0.8, 7), Tally(100, 0.8, 8), serving, Start.AddHours(1));

        Assert.Null(verdict.Outcome);
        Assert.All(verdict.Look.Guardrails, g => Assert.False(g.Broken));
    }

    [Fact]
    public void Guardrails_WaitForEnoughPredictions()
    {
        var serving = new ExperimentServing(Answered(100, 0.2, 1), default(VariantServing) with { Errors = Ones(Guardrails.MinPredictions - 1, Guardrails.MinPredictions - 1) });

        var verdict = ExperimentJudge.Judge(Experiment(), default, default, serving, Start.AddHours(1));

        Assert.Null(verdict.Outcome);
        Assert.All(verdict.Look.Guardrails, g => Assert.Null(g.Test));
    }

    private static ExperimentVerdict Judge(Experiment experiment, VariantTally champion, VariantTally challenger) =>
        ExperimentJudge.Judge(experiment, champion, challenger, Serving(champion.Count, challenger.Count), Start.AddHours(1));

    private static ExperimentServing Serving(long champion, long challenger) =>
        new(Answered((int)champion, 0.2, 11), Answered((int)challenger, 0.2, 12));

    /// <summary>Answered predictions with scoring times spread ±20% around <paramref name="latencyMs"/>.</summary>
    private static VariantServing Answered(int count, double latencyMs, int seed)
    {
        var random = new Random(seed);
        var serving = default(VariantServing);
        for (var i = 0; i < count; i++)
        {
            serving = serving.Answered(latencyMs * (0.8 + (0.4 * random.NextDouble())));
        }

        return serving;
    }

    private static VariantTally Ones(int count, int ones)
    {
        var tally = default(VariantTally);
        for (var i = 0; i < count; i++)
        {
            tally = tally.Add(i < ones ? 1 : 0);
        }

        return tally;
    }

    private static Experiment Experiment() => new(
        "exp1", "m", PromotionStrategies.Ab, ExperimentStatuses.Running, 0.5, ExperimentMetrics.Accuracy, 1, 2, "salt", Start, PromotionSettings.Default);

    private static VariantTally Tally(int count, double rate, int seed)
    {
        var random = new Random(seed);
        var tally = default(VariantTally);
        for (var i = 0; i < count; i++)
        {
            tally = tally.Add(random.NextDouble() < rate ? 1 : 0);
        }

        return tally;
    }
}
