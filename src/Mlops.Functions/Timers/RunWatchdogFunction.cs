using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mlops.Workflows;

namespace Mlops.Functions.Timers;

/// <summary>Every few minutes, restarts the runs that stopped making progress (see <see cref="RunWatchdog"/>).</summary>
public sealed partial class RunWatchdogFunction(RunWatchdog watchdog, ILogger<RunWatchdogFunction> logger)
{
    /// <summary>Every five minutes: well inside the default stall bound (15 min), and a cheap query when all is well.</summary>
    public const string Schedule = "0 */5 * * * *";

    [Function("RunWatchdog")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        foreach (var action in await watchdog.SweepAsync(client, cancellationToken))
        {
            Recovered(logger, action.RunId, action.Restarted, action.Reason);
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Watchdog: run {RunId} stalled; restarted: {Restarted}. {Reason}")]
    private static partial void Recovered(ILogger logger, string runId, bool restarted, string reason);
}
