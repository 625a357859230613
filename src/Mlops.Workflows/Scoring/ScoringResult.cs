namespace Mlops.Workflows.Scoring;

/// <summary>How a job ended: completed with its outputs, or failed with a reason a person understands.</summary>
public sealed record ScoringResult(bool Completed, long RowsTotal, long RowsDone, long RowsRejected, string? Output, string? Rejected, string? Reason)
{
    public static ScoringResult Failed(string reason, long rowsTotal = 0) => new(false, rowsTotal, 0, 0, null, null, reason);
}
