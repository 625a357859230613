namespace Mlops.Core.Scoring;

/// <summary>One chunk of a scoring file: bytes [<paramref name="Start"/>, <paramref name="End"/>) hold its rows.</summary>
/// <param name="Chunk">Its index, from 0.</param>
/// <param name="FirstRow">The 1-based number, in the file, of its first data row.</param>
/// <param name="Rows">Its data rows: what reading the range must find.</param>
public sealed record ChunkRange(int Chunk, long Start, long End, long FirstRow, int Rows);
