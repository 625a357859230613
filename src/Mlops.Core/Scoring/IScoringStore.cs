namespace Mlops.Core.Scoring;

/// <summary>
/// The scoring containers: input files ("scoring/{model}/{file}.csv") and published outputs ("scored/{model}/..."). A
/// job's chunks stage their outputs as blocks of the output itself, and one commit makes the file appear whole: no copy
/// of the input or of the output is written anywhere else.
/// </summary>
public interface IScoringStore
{
    /// <summary>The input file; null when it does not exist.</summary>
    Task<ScoringFile?> DescribeAsync(string model, string file, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> as "scoring/{model}/{file}" (replacing a file of that name), marked as
    /// <see cref="ScoringFile.Uploaded"/> in the same write, and describes what was stored.
    /// </summary>
    Task<ScoringFile> UploadAsync(string model, string file, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens "scored/{blobName}" for reading when it is the output job <paramref name="jobId"/> published; null when it is
    /// missing or another job's (the same file scored again since).
    /// </summary>
    Task<Stream?> OpenPublishedAsync(string jobId, string blobName, CancellationToken cancellationToken);

    /// <summary>Opens the input for reading; throws when the blob no longer has <paramref name="file"/>'s ETag.</summary>
    Task<Stream> OpenReadAsync(ScoringFile file, CancellationToken cancellationToken);

    /// <summary>Opens bytes [<paramref name="start"/>, <paramref name="until"/>) of the input, with the same ETag check.</summary>
    Task<Stream> OpenRangeAsync(ScoringFile file, long start, long until, CancellationToken cancellationToken);

    /// <summary>
    /// Stages (or stages again: the same chunk gives the same bytes) chunk <paramref name="chunk"/>'s part of
    /// "scored/{blobName}" for this job; nothing is visible until <see cref="CommitAsync"/>.
    /// </summary>
    Task StageAsync(string jobId, string blobName, int chunk, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Makes "scored/{blobName}" the header followed by the staged parts of <paramref name="chunks"/> in order, all at
    /// once, naming the job; committing again (a retried activity) writes the same file.
    /// </summary>
    Task CommitAsync(string jobId, string blobName, string header, IReadOnlyList<int> chunks, CancellationToken cancellationToken);

    /// <summary>True when "scored/{blobName}" is the output this job published.</summary>
    Task<bool> IsPublishedAsync(string jobId, string blobName, CancellationToken cancellationToken);

    /// <summary>Removes "scored/{blobName}" unless this job published it (a side file an earlier job left); none is not an error.</summary>
    Task RemoveStaleAsync(string jobId, string blobName, CancellationToken cancellationToken);
}
