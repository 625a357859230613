using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Webhooks;

/// <summary>How registry events are delivered to the webhooks of the models' specs (section "Webhooks").</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>
    /// The key of the X-Mlops-Signature HMAC (its UTF-8 bytes). In Azure a Key Vault reference, never a literal. Empty:
    /// deliveries are made unsigned and a warning is logged once, since webhooks are configured per model at run time and
    /// refusing to start would take serving down for a missing signature.
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>NCRONTAB of the sweep that catches up every model's webhooks (the timer reads %Webhooks:Schedule%).</summary>
    [Required]
    public string Schedule { get; set; } = "0 */1 * * * *";

    /// <summary>One HTTP attempt's bound; a receiver slower than this has failed that attempt.</summary>
    [Range(1, 120_000)]
    public int TimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>Attempts after the first within one delivery, for transient failures (5xx, 408, 429, timeouts, refused connections).</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay within a delivery; it doubles each retry, with jitter.</summary>
    [Range(1, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 1_000;

    /// <summary>After a delivery fails all its attempts, how long the webhook waits before it is tried again; doubles each failure.</summary>
    [Range(1, 86_400_000)]
    public int BackoffMilliseconds { get; set; } = 30_000;

    /// <summary>The longest wait between tries of a failing webhook.</summary>
    [Range(1, 86_400_000)]
    public int MaxBackoffMilliseconds { get; set; } = 3_600_000;

    /// <summary>How long a claim on a webhook's cursor keeps other instances off it; renewed with every event delivered.</summary>
    [Range(5, 3_600)]
    public int LeaseSeconds { get; set; } = 120;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>The wait after <paramref name="failures"/> failed deliveries in a row: the backoff doubled per failure, capped.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var milliseconds = Math.Min((double)BackoffMilliseconds * Math.Pow(2, doublings), MaxBackoffMilliseconds);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The longest one event's delivery can take: every attempt timing out, with the retries' delays between.</summary>
    public TimeSpan LongestDelivery =>
        TimeSpan.FromMilliseconds(((MaxRetries + 1) * (double)TimeoutMilliseconds) + (RetryDelayMilliseconds * (Math.Pow(2, MaxRetries) - 1) * 1.5));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Lease <= LongestDelivery)
        {
            yield return new ValidationResult(
                $"Webhooks:LeaseSeconds ({LeaseSeconds}) must exceed the longest delivery of one event ({LongestDelivery.TotalSeconds:0.#} s: every attempt of Webhooks:MaxRetries timing out after Webhooks:TimeoutMilliseconds, with the retry delays), or another instance could deliver the same webhook meanwhile.",
                [nameof(LeaseSeconds), nameof(TimeoutMilliseconds), nameof(MaxRetries)]);
        }

        if (MaxBackoffMilliseconds < BackoffMilliseconds)
        {
            yield return new ValidationResult("Webhooks:MaxBackoffMilliseconds must be at least Webhooks:BackoffMilliseconds.", [nameof(MaxBackoffMilliseconds)]);
        }
    }
}
