using Mlops.Core.Scoring;

namespace Mlops.Workflows.Scoring;

/// <param name="JobId">The job.</param>
/// <param name="Request">What it scores.</param>
/// <param name="Range">The chunk: its byte range of the file and its rows.</param>
/// <param name="Format">How the file is written.</param>
public sealed record ScoreChunkInput(string JobId, ScoringRequest Request, ChunkRange Range, ScoringFormat Format)
{
    /// <summary>How the chunk logs its rows as predictions; null when the job does not log them.</summary>
    public ChunkLogging? Logging { get; init; }
}
