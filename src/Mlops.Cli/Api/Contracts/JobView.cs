namespace Mlops.Cli.Api.Contracts;

/// <summary>A batch scoring job as GET /api/jobs/{jobId} answers it: status, rows done of total, outputs.</summary>
public sealed record JobView(
    string JobId,
    string Status,
    long? RowsTotal,
    long RowsDone,
    long RowsRejected,
    string? Output,
    string? Rejected,
    string? Reason,
    int? Version)
{
    public bool IsFinished => Status is "Completed" or "Failed";
}
