namespace Mlops.Core.Scoring;

/// <summary>One chunk scored: its output rows and its rejected rows, each as CSV lines without a header.</summary>
/// <param name="Scored">The scored rows, in the chunk's order: the input's cells, then <see cref="ScoringColumns.Added"/>.</param>
/// <param name="Rejected">One line per rejected row: its row number in the file and the reason.</param>
/// <param name="Rows">Rows in the chunk.</param>
/// <param name="RejectedRows">Rows that failed validation.</param>
public sealed record ChunkOutput(ReadOnlyMemory<byte> Scored, ReadOnlyMemory<byte> Rejected, int Rows, int RejectedRows)
{
    /// <summary>Scored rows added to the prediction log's batch; 0 unless the job logs them.</summary>
    public int LoggedRows { get; init; }

    public int ScoredRows => Rows - RejectedRows;
}
