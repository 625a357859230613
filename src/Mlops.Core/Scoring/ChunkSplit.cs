namespace Mlops.Core.Scoring;

/// <summary>A scoring file cut into chunks, or why it could not be (the chunks written then are void).</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Chunks">Chunks written, each <c>ChunkRows</c> rows but the last.</param>
/// <param name="Columns">The file's header; null when it has none.</param>
/// <param name="MissingColumns">The model's features the header lacks; no chunk is written when there are any.</param>
/// <param name="Problem">Why the file cannot be scored (missing columns, a malformed file); null when it can.</param>
public sealed record ChunkSplit(long Rows, int Chunks, IReadOnlyList<string>? Columns, IReadOnlyList<string> MissingColumns, string? Problem);
