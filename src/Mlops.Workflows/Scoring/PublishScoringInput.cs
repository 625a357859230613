namespace Mlops.Workflows.Scoring;

/// <param name="JobId">The job.</param>
/// <param name="Request">What it scored.</param>
/// <param name="Chunks">Chunks scored, all of them.</param>
/// <param name="Rejected">Rows rejected in all: the side file is written only when there are any.</param>
public sealed record PublishScoringInput(string JobId, ScoringRequest Request, int Chunks, long Rejected);
