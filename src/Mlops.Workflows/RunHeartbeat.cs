using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Runs;

namespace Mlops.Workflows;

/// <summary>
/// Tells the run journal, while a long activity runs, that the run is alive: the watchdog judges a run stalled only
/// when neither its orchestration nor any of its activities has moved within the bound.
/// </summary>
public sealed class RunHeartbeat(IRunJournalStore journal, TimeProvider clock, IOptions<RecoveryOptions> options, ILogger<RunHeartbeat> logger)
{
    private TimeSpan Interval => TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);

    private TimeProvider Clock => clock;

    /// <summary>Beats now and every <see cref="RecoveryOptions.HeartbeatSeconds"/> until disposed.</summary>
    public IAsyncDisposable Start(string model, string runId, string activity) =>
        new Beating(this, model, runId, activity);

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

    private sealed class Beating : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        public Beating(RunHeartbeat owner, string model, string runId, string activity) =>
            loop = RunAsync(owner, model, runId, activity);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // The expected way out.
            }

            stop.Dispose();
        }

        private async Task RunAsync(RunHeartbeat owner, string model, string runId, string activity)
        {
            await owner.BeatAsync(model, runId, activity, stop.Token);
            using var timer = new PeriodicTimer(owner.Interval, owner.Clock);
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await owner.BeatAsync(model, runId, activity, stop.Token);
            }
        }
    }
}
