namespace Mlops.Workflows.Scoring;

/// <summary>Where a job's results are, in the scored container: the output, and the rejected rows when any were.</summary>
public sealed record ScoringOutputs(string Output, string? Rejected);
