namespace Mlops.Core.Retention;

/// <summary>No pins: for hosts and tests that run retention without experiments (the app pins with <see cref="Experiments.ExperimentRetentionPins"/>).</summary>
public sealed class NoRetentionPins : IRetentionPins
{
    public Task<IReadOnlyList<RetentionPin>> PinsAsync(string model, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RetentionPin>>([]);
}
