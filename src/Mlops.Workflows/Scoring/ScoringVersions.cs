using System.Globalization;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// The batch scoring orchestration's logic versions, as <see cref="PipelineVersions"/> are the pipeline's: a job records
/// the version it started under and replays under it after a deploy; a change to what <see cref="BatchScoring"/> decides
/// adds a version here and branches on it.
/// </summary>
public static class ScoringVersions
{
    /// <summary>Plan (header checked, rows cut into chunks), chunks fanned out with bounded parallelism, one publish.</summary>
    public const int Chunked = 1;

    /// <summary>What new jobs start under.</summary>
    public const int Current = Chunked;

    public static IReadOnlyList<int> Supported { get; } = [Chunked];

    public static bool IsSupported(int version) => Supported.Contains(version);

    public static string Unsupported(int version) => string.Create(
        CultureInfo.InvariantCulture,
        $"This job started under scoring version {version}, which this deployment no longer runs (it runs versions {string.Join(", ", Supported)}); drop the file again to score it under version {Current}.");
}
