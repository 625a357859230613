using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Monitoring;
using Mlops.Core.Registry;
using Mlops.Workflows;
using Mlops.Workflows.Monitoring;

namespace Mlops.Functions.Timers;

/// <summary>On <see cref="MonitoringOptions.Schedule"/>, closes the monitoring window of every model that has a champion.</summary>
public sealed partial class MonitoringFunction(
    IModelRegistry registry, MonitoringPass monitoring, IDatasetStore datasets, RunLauncher launcher, ILogger<MonitoringFunction> logger)
{
    /// <summary>The Monitoring:Schedule setting (Monitoring__Schedule in app settings), resolved by the host at start-up.</summary>
    public const string Schedule = "%Monitoring:Schedule%";

    [Function("Monitoring")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var retrainer = new DurableRetrainer(client, datasets, launcher);
        foreach (var model in await registry.ListModelsAsync(cancellationToken))
        {
            if (!model.Aliases.ContainsKey(Aliases.Champion))
            {
                continue;
            }

            try
            {
                var window = await monitoring.CloseWindowAsync(model.Name, retrainer, cancellationToken);
                Closed(logger, model.Name, window.Id, window.Rows, window.Status, window.Drift.Detected, window.Decay?.Detected ?? false);
            }
            catch (MlopsException e)
            {
                // One model's problem (no contract, no champion any more) does not stop the others' windows.
                Skipped(logger, model.Name, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 430, Level = LogLevel.Information, Message = "Model {Model}: window {Window} closed with {Rows} predictions ({Status}); drift {Drift}, decay {Decay}")]
    private static partial void Closed(ILogger logger, string model, string window, long rows, string status, bool drift, bool decay);

    [LoggerMessage(EventId = 431, Level = LogLevel.Warning, Message = "Model {Model}: no monitoring window closed: {Reason}")]
    private static partial void Skipped(ILogger logger, string model, string reason);
}
