using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Mlops.Core;

namespace Mlops.DevHost.Durable;

/// <summary>
/// The Azure Storage backend as the sidecar should see it: activity work items stay locked while they run, and the
/// same task never runs twice at once in this process.
/// </summary>
/// <remarks>
/// DurableTask.Core's dispatcher renews an activity's queue message while the activity runs; the in-process sidecar's
/// dispatcher never does (its RenewWorkItemAsync has no caller). Without renewal, an activity longer than the
/// work-item visibility timeout is dequeued a second time while it still runs: the backend hands the duplicate back
/// as null, but the dequeue has changed the message's pop receipt, so the first run's delete fails
/// (PopReceiptMismatch) and the message runs yet again later. A duplicate that arrives as a different message (an
/// orchestrator replayed after a crash schedules the same task again) is worse: the sidecar keys its pending
/// activities by instance and task id, so the second run's completion is never observed and its dispatcher slot
/// hangs for the life of the process. Both were seen in the stuck-run drill.
/// </remarks>
public sealed class LeaseKeepingOrchestrationService(IOrchestrationService inner, TimeSpan renewEvery, ILogger logger) : IOrchestrationService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PeriodicWork> leases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> runningTasks = new(StringComparer.Ordinal);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    /// <summary>Activities whose lease is being kept now (for tests and diagnostics).</summary>
    public int ActiveLeases => leases.Count;

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is null)
        {
            return null!;
        }

        var task = TaskKey(workItem);
        if (!runningTasks.TryAdd(task, workItem.Id))
        {
            // The same task is running here already: put this copy back for later, when the
            // first has finished and its completion is in the orchestration's history.
            DevHostLog.DuplicateActivityDeferred(logger, task);
            await inner.AbandonTaskActivityWorkItemAsync(workItem);
            return null!;
        }

        leases[workItem.Id] = PeriodicWork.Start(_ => RenewAsync(workItem), renewEvery, TimeProvider.System, runAtStart: false);
        return workItem;
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await StopRenewingAsync(workItem);
        try
        {
            await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            runningTasks.TryRemove(TaskKey(workItem), out _);
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await StopRenewingAsync(workItem);
        try
        {
            await inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            runningTasks.TryRemove(TaskKey(workItem), out _);
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async ValueTask DisposeAsync()
    {
        foreach (var lease in leases.Values)
        {
            await lease.DisposeAsync();
        }

        leases.Clear();
    }

    private static string TaskKey(TaskActivityWorkItem workItem)
    {
        var instance = workItem.TaskMessage.OrchestrationInstance;
        var taskId = workItem.TaskMessage.Event is TaskScheduledEvent scheduled ? scheduled.EventId : -1;

        // Not keyed by execution: the sidecar keys its pending activities by instance and task id alone, so a
        // restarted execution's task must also wait for the same-numbered task of the execution it replaced.
        return $"{instance.InstanceId}/{taskId}";
    }

    private async Task RenewAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await inner.RenewTaskActivityWorkItemLockAsync(workItem);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage may be away for a while; the next tick tries again, and the duplicate guard covers a message
            // that became visible meanwhile.
            DevHostLog.ActivityRenewalFailed(logger, workItem.Id, e.Message);
        }
    }

    private async Task StopRenewingAsync(TaskActivityWorkItem workItem)
    {
        // Stopped and awaited first: a renewal racing the delete would change the pop receipt under it.
        if (leases.TryRemove(workItem.Id, out var lease))
        {
            await lease.DisposeAsync();
        }
    }
}
