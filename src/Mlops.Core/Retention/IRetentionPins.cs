namespace Mlops.Core.Retention;

/// <summary>
/// Versions a feature other than aliases needs kept (a running experiment's challenger, say). Retention reads the pins
/// before it decides and again after it has marked its candidates retiring, so a source must pin a version before it
/// starts relying on it, and then check that the version still exists and is not retiring.
/// </summary>
public interface IRetentionPins
{
    Task<IReadOnlyList<RetentionPin>> PinsAsync(string model, CancellationToken cancellationToken);
}
