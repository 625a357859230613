using Mlops.Core.Events;
using Mlops.Core.Registry;

namespace Mlops.Core.Monitoring;

/// <summary>
/// Carries out what a stored window decided: its detections' registry events, then its retraining run or alert, and
/// records the window finished. Only the pass whose commit stored the window, or one that took the window over after
/// <see cref="MonitoringPass.FinishAfter"/>, gets here, so a race between passes acts once; a pass that dies between
/// the commit and the record leaves the window to be finished again (its events may then be appended twice, a run is
/// not: the same set starts the same run).
/// </summary>
public sealed class WindowFinisher(IModelRegistry registry, IMonitoringStore store, IRegistryEventLog events, RetrainingSetBuilder sets)
{
    /// <summary>
    /// Writes tried to drop a finished window from the state's unfinished list. After that many refused writes the entry
    /// stays; the pass that takes it over finds the window finished and drops it.
    /// </summary>
    public const int RecordAttempts = 5;

    /// <param name="window">A pending window.</param>
    /// <param name="set">The retraining set the closing pass built; null to build it again (a window taken over).</param>
    /// <param name="retrainer">Starts the run; null on a host that cannot (the run becomes an alert).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<MonitoringWindow> FinishAsync(MonitoringWindow window, BinaryData? set, IRetrainer? retrainer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        foreach (var detection in window.Detections)
        {
            var type = detection.Kind == RetrainKinds.Drift ? RegistryEventTypes.DriftDetected : RegistryEventTypes.DecayDetected;
            await events.AppendAsync(window.Model, type, Data(window, detection.Reason), cancellationToken);
        }

        var actions = new List<MonitoringAction>(window.Actions.Count);
        foreach (var action in window.Actions)
        {
            actions.Add(action.Kind switch
            {
                MonitoringAction.Retrain when action.RunId is null => await RetrainAsync(window, action, set, retrainer, cancellationToken),
                MonitoringAction.Alert => await AlertAsync(window, action, cancellationToken),
                _ => action,
            });
        }

        var finished = window with { Actions = actions, Pending = false };
        await store.ReplaceWindowAsync(finished, cancellationToken);
        await ForgetAsync(window.Model, window.To, cancellationToken);
        return finished;
    }

    /// <summary>Drops the window from the state's unfinished list; the window row, not this list, says whether it is done.</summary>
    public async Task ForgetAsync(string model, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < RecordAttempts; attempt++)
        {
            if (await store.GetStateAsync(model, cancellationToken) is not var (state, etag) || state.Unfinished.All(u => u.End != windowEnd))
            {
                return;
            }

            if (await store.TryReplaceStateAsync(state with { Unfinished = [.. state.Unfinished.Where(u => u.End != windowEnd)] }, etag, cancellationToken))
            {
                return;
            }
        }

        // Passes kept changing the state: the entry stays, and the pass that takes it over finds the window finished.
    }

    private async Task<MonitoringAction> RetrainAsync(MonitoringWindow window, MonitoringAction planned, BinaryData? set, IRetrainer? retrainer, CancellationToken cancellationToken)
    {
        if (retrainer is null)
        {
            return await AlertAsync(window, Refused(planned, AlertCauses.NoRuns, "this host does not start runs"), cancellationToken);
        }

        var fileName = $"{MonitoringPass.RetrainFilePrefix}{window.Id}.csv";
        var kind = planned.Trigger ?? RetrainKinds.Schedule;
        string? runId;
        long? added;
        try
        {
            (runId, added) = set is null
                ? await ResumeOrRebuildAsync(window, planned, retrainer, fileName, kind, cancellationToken)
                : (await retrainer.StartAsync(window.Model, fileName, set, kind, planned.Reason, cancellationToken), planned.Added);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A run that cannot start (its data gone, the backend refusing) is something a person must hear about.
            return await AlertAsync(window, Refused(planned, AlertCauses.StartFailed, $"the run could not be started: {e.Message}"), cancellationToken);
        }

        if (runId is null)
        {
            return await AlertAsync(window, Refused(planned, AlertCauses.NothingNew, "no prediction since the champion was trained has a label, so a run would learn nothing new"), cancellationToken);
        }

        await events.AppendAsync(
            window.Model,
            RegistryEventTypes.RetrainStarted,
            new Dictionary<string, object?> { ["window"] = window.Id, ["runId"] = runId, ["kind"] = kind, ["added"] = added },
            cancellationToken);
        return planned with { RunId = runId, Added = added };
    }

    /// <summary>
    /// For a window taken over: the run of the set its first pass stored, if it got that far (datasets are immutable, and
    /// the same set names the same run); otherwise a set built again. A null run: no labelled prediction to add.
    /// </summary>
    private async Task<(string? RunId, long? Added)> ResumeOrRebuildAsync(
        MonitoringWindow window, MonitoringAction planned, IRetrainer retrainer, string fileName, string kind, CancellationToken cancellationToken)
    {
        if (await retrainer.ResumeAsync(window.Model, fileName, kind, planned.Reason, cancellationToken) is { } resumed)
        {
            return (resumed, planned.Added);
        }

        var version = await registry.GetVersionAsync(window.Model, window.Version, cancellationToken)
            ?? throw new InvalidOperationException($"version {window.Version} no longer exists");
        return await sets.BuildAsync(version, window.To, cancellationToken) is var (csv, added)
            ? (await retrainer.StartAsync(window.Model, fileName, csv, kind, planned.Reason, cancellationToken), added)
            : (null, null);
    }

    private async Task<MonitoringAction> AlertAsync(MonitoringWindow window, MonitoringAction alert, CancellationToken cancellationToken)
    {
        var data = Data(window, alert.Reason);
        data["cause"] = alert.Cause;
        await events.AppendAsync(window.Model, RegistryEventTypes.Alert, data, cancellationToken);
        return alert;
    }

    private static MonitoringAction Refused(MonitoringAction planned, string cause, string why) =>
        new(planned.At, MonitoringAction.Alert, null, $"{planned.Reason} No retraining: {why}.") { Cause = cause };

    private static Dictionary<string, object?> Data(MonitoringWindow window, string reason) => new()
    {
        ["window"] = window.Id,
        ["version"] = window.Version,
        ["reason"] = reason,
    };
}
