namespace Mlops.Core.Monitoring;

/// <summary>Each model's monitoring state and closed windows.</summary>
public interface IMonitoringStore
{
    /// <summary>The state and its ETag; null when the model has never been monitored.</summary>
    Task<(MonitoringState State, string ETag)?> GetStateAsync(string model, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the window and the state after it in one transaction, if the state is still the one read (null ETag: none
    /// existed); false when another pass closed a window first.
    /// </summary>
    Task<bool> TryCommitAsync(MonitoringWindow window, MonitoringState state, string? etag, CancellationToken cancellationToken);

    /// <summary>Replaces a stored window (its actions carried out); the window row is only ever written by the pass that owns it.</summary>
    Task ReplaceWindowAsync(MonitoringWindow window, CancellationToken cancellationToken);

    /// <summary>Stores the state if it is still the one read; false when another pass changed it first.</summary>
    Task<bool> TryReplaceStateAsync(MonitoringState state, string etag, CancellationToken cancellationToken);

    /// <summary>The model's window that ended at <paramref name="windowEnd"/>; null when there is none.</summary>
    Task<MonitoringWindow?> GetWindowAsync(string model, DateTimeOffset windowEnd, CancellationToken cancellationToken);

    /// <summary>The model's windows, newest first.</summary>
    Task<IReadOnlyList<MonitoringWindow>> ListAsync(string model, int top, CancellationToken cancellationToken);
}
