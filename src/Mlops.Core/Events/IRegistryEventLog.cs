namespace Mlops.Core.Events;

/// <summary>
/// A model's event log. Registrations and alias moves append their event in the same transaction as the change itself
/// (see <see cref="Registry.IModelRegistry"/>), so the log never disagrees with the registry; other events append here.
/// </summary>
public interface IRegistryEventLog
{
    Task<RegistryEvent> AppendAsync(string model, string type, IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken);

    /// <summary>The entries after <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RegistryEvent>> ListAsync(string model, long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>Every model with at least one event, and its last sequence number.</summary>
    Task<IReadOnlyList<EventLogHead>> ListHeadsAsync(CancellationToken cancellationToken);
}
