using Mlops.Core.Scoring;

namespace Mlops.Workflows.Scoring;

/// <summary>A scoring file checked and indexed: the chunks to score and how to read them, or why it cannot be scored.</summary>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="Chunks">Chunks to score, each <paramref name="ChunkRows"/> rows but the last.</param>
/// <param name="ChunkRows">Rows per chunk.</param>
/// <param name="MaxConcurrentChunks">Chunks scored at once.</param>
/// <param name="Problem">Why the file cannot be scored (too large, the model's columns missing, malformed); null when it can.</param>
public sealed record ScoringPlan(long Rows, int Chunks, int ChunkRows, int MaxConcurrentChunks, string? Problem)
{
    /// <summary>The model's features the file lacks.</summary>
    public IReadOnlyList<string> MissingColumns { get; init; } = [];

    /// <summary>The file's columns and dialect, which every chunk reads its range with.</summary>
    public ScoringFormat? Format { get; init; }

    /// <summary>The output's header line: the input's columns, then what scoring adds.</summary>
    public string Header { get; init; } = string.Empty;

    /// <summary>Each chunk's byte range and rows, in file order.</summary>
    public IReadOnlyList<ChunkRange> Ranges { get; init; } = [];
}
