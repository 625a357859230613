using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;

namespace Mlops.Core.Validation;

/// <summary>
/// The metrics any task reports (<see cref="PrimaryMetric.Reported"/>), so that a spec's primaryMetric can be checked
/// when the spec is read, before the task is known.
/// </summary>
internal static class TaskMetrics
{
    public static IReadOnlyList<string> All { get; } =
        [.. Enum.GetValues<MlTask>().SelectMany(PrimaryMetric.Reported).Distinct()];

    /// <summary>The metric's own spelling of <paramref name="name"/> (matched ignoring case), or null.</summary>
    public static string? Canonical(string name) =>
        All.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
}
