namespace Mlops.Workflows.Scoring;

/// <param name="JobId">The job.</param>
/// <param name="Request">What it scored.</param>
/// <param name="Header">The output's header line.</param>
/// <param name="Chunks">Every chunk scored, in file order: which staged scored rows, which rejected rows.</param>
public sealed record PublishScoringInput(string JobId, ScoringRequest Request, string Header, IReadOnlyList<ChunkResult> Chunks)
{
    public long Rejected => Chunks.Sum(c => (long)c.Rejected);
}
