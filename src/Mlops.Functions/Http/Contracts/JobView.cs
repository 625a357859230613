namespace Mlops.Functions.Http.Contracts;

/// <summary>A batch job as GET /api/jobs/{jobId} answers it.</summary>
/// <param name="Kind">"scoring".</param>
/// <param name="Status">Pending, Running, Completed or Failed.</param>
/// <param name="RowsDone">Rows scored or rejected so far.</param>
/// <param name="Output">The scored file, "scored/{model}/{file}.csv", once published.</param>
/// <param name="Rejected">The rejected rows' file, when any row was rejected.</param>
/// <param name="Reason">What happened, in a sentence; why it failed when it did.</param>
public sealed record JobView(
    string JobId,
    string Kind,
    string? Model,
    string? File,
    int? Version,
    string Status,
    long? RowsTotal,
    long RowsDone,
    long RowsRejected,
    string? Output,
    string? Rejected,
    string? Reason,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);
