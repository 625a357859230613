namespace Mlops.Core.Experiments;

/// <summary>The spec's <c>"promotion"</c> block (ARCHITECTURE.md, v1 additions); every field has a default.</summary>
public sealed record PromotionSettings
{
    public static PromotionSettings Default { get; } = new();

    public string Strategy { get; init; } = PromotionStrategies.Holdout;

    /// <summary>
    /// The challenger's share of requests: the share it answers under <see cref="PromotionStrategies.Ab"/>, in (0, 1);
    /// the share it scores in the background under <see cref="PromotionStrategies.Shadow"/>, in (0, 1].
    /// </summary>
    public double ChallengerTraffic { get; init; } = 0.1;

    /// <summary>The sequential test's false-positive rate, held at every look.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Labelled outcomes each variant needs before a look may decide.</summary>
    public int MinSamples { get; init; } = 200;

    /// <summary>Labelled outcomes per variant after which an undecided experiment ends Inconclusive.</summary>
    public int MaxSamples { get; init; } = 20_000;

    /// <summary>Days after which an undecided experiment ends Inconclusive.</summary>
    public double MaxDays { get; init; } = 14;

    /// <summary>Seconds between looks.</summary>
    public int LookIntervalSeconds { get; init; } = 3600;

    /// <summary>Whether a winning challenger waits for <c>approve</c> instead of being promoted on its own.</summary>
    public bool RequireApproval { get; init; }

    /// <summary>How much better (in the per-prediction score's units) the challenger must be: the interval's lower end must pass it.</summary>
    public double MinImprovement { get; init; }

    /// <summary>Guardrail: how much higher the challenger's share of failed predictions may be than the champion's.</summary>
    public double MaxErrorRateIncrease { get; init; } = 0.01;

    /// <summary>Guardrail: how many milliseconds slower the challenger's mean scoring time may be than the champion's.</summary>
    public double MaxLatencyIncreaseMs { get; init; } = 10;
}
