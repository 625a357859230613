namespace Mlops.Core.Retention;

/// <summary>Nothing pins a version yet; the A/B experiments feature replaces this with its running challengers.</summary>
public sealed class NoRetentionPins : IRetentionPins
{
    public Task<IReadOnlyList<RetentionPin>> PinsAsync(string model, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RetentionPin>>([]);
}
