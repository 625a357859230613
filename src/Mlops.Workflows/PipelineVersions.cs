using System.Globalization;

namespace Mlops.Workflows;

/// <summary>
/// The training pipeline's logic versions. A run records the version it started under (<see cref="Contracts.RunRequest.PipelineVersion"/>)
/// and keeps it for its whole life: after a deploy, a replay follows the branch of its own version, so history
/// recorded under one logic is never replayed under another. Any change to what the orchestrator decides (or to
/// Core logic it runs during replay: the search's planning, halving, early-stop thresholds) adds a version here and
/// branches on it; a version dropped from <see cref="Supported"/> fails its runs with <see cref="Unsupported"/>.
/// </summary>
public static class PipelineVersions
{
    /// <summary>Promotion on the holdout point estimate; the data contract travels through the orchestration history.</summary>
    public const int PointEstimate = 1;

    /// <summary>Evaluation gates judged on a paired bootstrap interval against the champion or the trivial baseline; the contract travels by blob reference.</summary>
    public const int Gated = 2;

    /// <summary>A version that passes its gates under the ab or shadow promotion strategy starts an experiment instead of moving the champion.</summary>
    public const int Experiments = 3;

    /// <summary>
    /// The search is seeded with the champion's configuration and its search's best (<see cref="Activities.LoadWarmStart"/>,
    /// an activity the history of older runs does not have before their plan).
    /// </summary>
    public const int WarmStarts = 4;

    /// <summary>
    /// The candidate is exported to ONNX and checked before registration (<see cref="Activities.ExportModel"/>, an
    /// activity older runs' histories do not have), and the version is registered with model.onnx or the reason it has none.
    /// </summary>
    public const int Portable = 5;

    /// <summary>What new runs start under.</summary>
    public const int Current = Portable;

    public static IReadOnlyList<int> Supported { get; } = [PointEstimate, Gated, Experiments, WarmStarts, Portable];

    public static bool IsSupported(int version) => Supported.Contains(version);

    /// <summary>The documented reason a run under a version this deployment no longer carries fails.</summary>
    public static string Unsupported(int version) => string.Create(
        CultureInfo.InvariantCulture,
        $"This run started under pipeline version {version}, which this deployment no longer runs (it runs versions {string.Join(", ", Supported)}); it stopped rather than replay its history under different logic. Restart it (POST /api/runs/{{runId}}/restart) to run it again under version {Current}.");
}
