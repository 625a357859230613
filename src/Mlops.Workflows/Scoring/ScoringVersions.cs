using System.Globalization;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// The batch scoring orchestration's logic versions, as <see cref="PipelineVersions"/> are the pipeline's: a job records
/// the version it started under and replays under it after a deploy; a change to what <see cref="BatchScoring"/> decides
/// adds a version here and branches on it.
/// </summary>
public static class ScoringVersions
{
    /// <summary>
    /// Plan (header checked, rows copied into chunk blobs), chunks fanned out with bounded parallelism, one publish that
    /// copied the chunks' outputs into the file. No longer run: a job started under it fails with
    /// <see cref="Unsupported"/> when it replays, and dropping the file again scores it under <see cref="Current"/>.
    /// </summary>
    public const int Chunked = 1;

    /// <summary>
    /// Plan (header checked, rows indexed by byte offset), chunks that read their own byte range of the file and stage
    /// their output as blocks of the published file, rows of the wrong width rejected one by one, one commit.
    /// </summary>
    public const int Ranged = 2;

    /// <summary>What new jobs start under.</summary>
    public const int Current = Ranged;

    public static IReadOnlyList<int> Supported { get; } = [Ranged];

    public static bool IsSupported(int version) => Supported.Contains(version);

    public static string Unsupported(int version) => string.Create(
        CultureInfo.InvariantCulture,
        $"This job started under scoring version {version}, which this deployment no longer runs (it runs versions {string.Join(", ", Supported)}); drop the file again to score it under version {Current}.");
}
