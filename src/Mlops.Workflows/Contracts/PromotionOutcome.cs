namespace Mlops.Workflows.Contracts;

public sealed record PromotionOutcome(bool Promoted, string Reason);
