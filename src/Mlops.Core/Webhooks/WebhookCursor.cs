namespace Mlops.Core.Webhooks;

/// <summary>
/// Where one webhook of a model stands: the last event it acknowledged, its run of failures, and who delivers to it
/// now. Changed only by compare-and-swap on <see cref="ETag"/>, so an instance whose lease was taken over cannot move it.
/// </summary>
/// <param name="Key">The webhook's <see cref="Datasets.WebhookSpec.Key"/>.</param>
/// <param name="LastSequence">Every event up to this one was acknowledged (or not subscribed to).</param>
/// <param name="Failures">Failed deliveries in a row; 0 after a success.</param>
/// <param name="RetryAt">No delivery before this time (the backoff after a failure); null when none is due.</param>
/// <param name="LastError">Why the last delivery failed, for people looking at the row.</param>
/// <param name="Owner">Who holds the lease; meaningful only until <paramref name="LeaseUntil"/>.</param>
public sealed record WebhookCursor(
    string Model,
    string Key,
    Uri Url,
    long LastSequence,
    int Failures,
    DateTimeOffset? RetryAt,
    string? LastError,
    string? Owner,
    DateTimeOffset LeaseUntil,
    string ETag);
