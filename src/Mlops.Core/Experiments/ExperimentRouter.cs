using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Mlops.Core.Serving;

namespace Mlops.Core.Experiments;

/// <summary>
/// The open experiment predict routes by, per model, read at most once per alias refresh interval: a started, ramped
/// or ended experiment reaches every instance within that interval, and predict's path pays no storage read meanwhile.
/// </summary>
public sealed class ExperimentRouter(IExperimentStore experiments, IOptions<ServingOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Cached> open = new(StringComparer.Ordinal);

    /// <summary>The model's running experiment, or null (none, or one awaiting nothing from traffic).</summary>
    public async Task<Experiment?> GetRunningAsync(string model, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (open.TryGetValue(model, out var cached) && now - cached.ReadAt < TimeSpan.FromSeconds(options.Value.AliasRefreshSeconds))
        {
            return cached.Experiment;
        }

        var experiment = await experiments.GetOpenAsync(model, cancellationToken);
        var running = experiment is { Status: ExperimentStatuses.Running or ExperimentStatuses.AwaitingApproval } && experiment.Traffic > 0 ? experiment : null;
        open[model] = new Cached(running, now);
        return running;
    }

    /// <summary>Forgets the cached experiment, so this instance sees a change it made at once.</summary>
    public void Forget(string model) => open.TryRemove(model, out _);

    private sealed record Cached(Experiment? Experiment, DateTimeOffset ReadAt);
}
