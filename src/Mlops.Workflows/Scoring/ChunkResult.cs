namespace Mlops.Workflows.Scoring;

/// <summary>A chunk scored: its rows, and how many were rejected.</summary>
public sealed record ChunkResult(int Chunk, int Rows, int Rejected);
