namespace Mlops.Workflows.Scoring;

/// <summary>A scoring file checked and cut: how many chunks to score and how, or why it cannot be scored.</summary>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="Chunks">Chunks written, each <paramref name="ChunkRows"/> rows but the last.</param>
/// <param name="ChunkRows">Rows per chunk.</param>
/// <param name="MaxConcurrentChunks">Chunks scored at once.</param>
/// <param name="Problem">Why the file cannot be scored (too large, the model's columns missing, malformed); null when it can.</param>
public sealed record ScoringPlan(long Rows, int Chunks, int ChunkRows, int MaxConcurrentChunks, string? Problem)
{
    /// <summary>The model's features the file lacks.</summary>
    public IReadOnlyList<string> MissingColumns { get; init; } = [];
}
