namespace Mlops.Workflows.Scoring;

public sealed record PlanScoringInput(string JobId, ScoringRequest Request);
