namespace Mlops.Workflows.Scoring;

/// <param name="JobId">The job.</param>
/// <param name="Request">What it scores.</param>
/// <param name="Chunk">The chunk's index, from 0.</param>
/// <param name="FirstRow">The 1-based number, in the file, of the chunk's first data row.</param>
public sealed record ScoreChunkInput(string JobId, ScoringRequest Request, int Chunk, long FirstRow);
