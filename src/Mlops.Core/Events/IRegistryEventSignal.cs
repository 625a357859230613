namespace Mlops.Core.Events;

/// <summary>
/// Told, in process, that a model's log has a new event, so its webhooks are delivered soon rather than at the next
/// sweep. It must return at once and never throw: it is called on the path that appended the event.
/// </summary>
public interface IRegistryEventSignal
{
    void Appended(string model);
}
