using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Runs;

namespace Mlops.Workflows;

/// <summary>
/// Tells the run journal, while a long activity runs, that the run is alive: the watchdog judges a run stalled only
/// when neither its orchestration nor any of its activities has moved within the bound.
/// </summary>
public sealed class RunHeartbeat(IRunJournalStore journal, TimeProvider clock, IOptions<RecoveryOptions> options, ILogger<RunHeartbeat> logger)
{
    /// <summary>Beats now and every <see cref="RecoveryOptions.HeartbeatSeconds"/> until disposed.</summary>
    public IAsyncDisposable Start(string model, string runId, string activity) =>
        PeriodicWork.Start(ct => BeatAsync(model, runId, activity, ct), TimeSpan.FromSeconds(options.Value.HeartbeatSeconds), clock, runAtStart: true);

    private async Task BeatAsync(string model, string runId, string activity, CancellationToken cancellationToken)
    {
        try
        {
            await journal.BeatAsync(model, runId, activity, clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A missed beat only brings the stall bound nearer; it must never fail the work it reports on.
            WorkflowLog.HeartbeatFailed(logger, runId, activity, e.Message);
        }
    }
}
