namespace Mlops.Workflows.Scoring;

/// <summary>A job's custom status while it runs: rows done of total (rejected rows count as done).</summary>
public sealed record ScoringProgress(long RowsTotal, long RowsDone, long RowsRejected);
