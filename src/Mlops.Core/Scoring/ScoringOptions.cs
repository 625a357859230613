using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Scoring;

/// <summary>Batch scoring's bounds: how large a file it takes, how it is cut, and how much of it is scored at once.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>The largest scoring file (bytes): the file streams through the plan once, so only storage and time bound it.</summary>
    [Range(1, 1L << 40)]
    public long MaxFileBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Rows per chunk, each one activity: large enough that a chunk's model pass dwarfs its storage calls, small enough
    /// that its rows (held in memory while scored) stay tens of megabytes and a crash repeats little work.
    /// </summary>
    [Range(100, 1_000_000)]
    public int ChunkRows { get; set; } = 50_000;

    /// <summary>Chunks scored at once by one job (in Azure they spread over instances).</summary>
    [Range(1, 64)]
    public int MaxConcurrentChunks { get; set; } = 4;
}
