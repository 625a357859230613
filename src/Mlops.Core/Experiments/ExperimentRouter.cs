using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Serving;

namespace Mlops.Core.Experiments;

/// <summary>
/// The open experiment predict routes by, per model, read at most once per alias refresh interval: a started, ramped
/// or ended experiment reaches every instance within that interval (re-read in the background: no request waits for it),
/// and predict's path pays no storage read meanwhile.
/// </summary>
public sealed class ExperimentRouter(IExperimentStore experiments, IOptions<ServingOptions> options, TimeProvider clock, ILogger<ExperimentRouter> logger)
{
    private readonly RefreshedValues<Experiment?> open = new(
        (model, token) => ReadRunningAsync(experiments, model, token),
        clock,
        () => TimeSpan.FromSeconds(options.Value.AliasRefreshSeconds),
        (model, e) => ServingLog.RefreshFailed(logger, model, "open experiment", e.Message));

    /// <summary>The model's running experiment, or null (none, or one awaiting nothing from traffic).</summary>
    public ValueTask<Experiment?> GetRunningAsync(string model, CancellationToken cancellationToken) => open.GetAsync(model, cancellationToken);

    private static async Task<Experiment?> ReadRunningAsync(IExperimentStore experiments, string model, CancellationToken cancellationToken)
    {
        var experiment = await experiments.GetOpenAsync(model, cancellationToken);
        return experiment is { Status: ExperimentStatuses.Running or ExperimentStatuses.AwaitingApproval } && experiment.Traffic > 0 ? experiment : null;
    }

    /// <summary>Forgets the cached experiment, so this instance sees a change it made at once.</summary>
    public void Forget(string model) => open.Forget(model);
}
