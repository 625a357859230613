namespace Mlops.Core.Scoring;

/// <summary>
/// The scoring containers: input files ("scoring/{model}/{file}.csv"), a job's working parts (its chunks and their
/// outputs, kept apart per job until the job publishes) and the published outputs ("scored/{model}/...").
/// </summary>
public interface IScoringStore
{
    /// <summary>The input file; null when it does not exist.</summary>
    Task<ScoringFile?> DescribeAsync(string model, string file, CancellationToken cancellationToken);

    /// <summary>Opens the input for reading; throws when the blob no longer has <paramref name="file"/>'s ETag.</summary>
    Task<Stream> OpenReadAsync(ScoringFile file, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites: a part belongs to one job and one activity) a working part of the job.</summary>
    Task WritePartAsync(string jobId, string part, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>A working part of the job; throws when it does not exist.</summary>
    Task<Stream> OpenPartAsync(string jobId, string part, CancellationToken cancellationToken);

    /// <summary>
    /// Makes "scored/{blobName}" the header followed by <paramref name="parts"/> in order, all at once: nothing is visible
    /// until the whole file is, and publishing again (a retried activity) writes the same bytes once.
    /// </summary>
    Task PublishAsync(string jobId, string blobName, string header, IReadOnlyList<string> parts, CancellationToken cancellationToken);

    /// <summary>True when "scored/{blobName}" is the output this job published.</summary>
    Task<bool> IsPublishedAsync(string jobId, string blobName, CancellationToken cancellationToken);

    /// <summary>Removes the job's working parts; finding none is not an error.</summary>
    Task DeletePartsAsync(string jobId, CancellationToken cancellationToken);
}
