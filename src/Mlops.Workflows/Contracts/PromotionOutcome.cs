namespace Mlops.Workflows.Contracts;

public sealed record PromotionOutcome(bool Promoted, string Reason)
{
    /// <summary>The experiment the version entered instead of being promoted (ab and shadow strategies).</summary>
    public string? ExperimentId { get; init; }
}
