using Mlops.Core;
using Mlops.Core.Registry;
using Mlops.Core.Validation;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>A run's validation report as the API shows it: read from the run's folder, findings with their mitigations.</summary>
public sealed class RunFindings(IModelArtifactStore artifacts)
{
    /// <summary>The run's report, or null before its validate stage has written one.</summary>
    public async Task<ValidationReport?> ReportAsync(string model, string runId, CancellationToken cancellationToken) =>
        await artifacts.ReadAsync(ArtifactPaths.Validation(model, runId), cancellationToken) is { } json
            ? json.ToObjectFromJson<ValidationReport>(MlopsJson.Options)
            : null;

    public static IReadOnlyList<FindingView> Views(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Findings.Select(f => new FindingView(
            f.Rule,
            f.Severity.ToString().ToLowerInvariant(),
            f.Column,
            f.Observed,
            f.Threshold,
            f.Message,
            FindingMitigations.For(f, report.Mitigations)))];
    }
}
