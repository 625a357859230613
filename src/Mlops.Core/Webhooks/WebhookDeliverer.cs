using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Events;
using Mlops.Core.Telemetry;

namespace Mlops.Core.Webhooks;

/// <summary>
/// Delivers a model's events to each of its spec's webhooks, in sequence order, at least once: the webhook's cursor is
/// leased first (no two deliverers send to the same webhook at once), and moved past an event only after the receiver
/// acknowledged it. The first event a receiver fails stops that webhook there, with a backoff; the events after it wait.
/// </summary>
public sealed class WebhookDeliverer(
    IDatasetStore datasets,
    IRegistryEventLog events,
    IWebhookCursorStore cursors,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliverer> logger)
{
    private const int PageSize = 100;

    /// <summary>Delivers what is pending to every webhook of <paramref name="model"/>.</summary>
    /// <returns>When to try again (a backoff's end, or another holder's lease), or null when nothing waits.</returns>
    public async Task<DateTimeOffset?> DeliverAsync(string model, CancellationToken cancellationToken)
    {
        var webhooks = await WebhooksOfAsync(model, cancellationToken);
        var next = await Task.WhenAll(webhooks.Select(w => DeliverAsync(model, w, cancellationToken)));
        return next.Where(t => t is not null).Min();
    }

    private async Task<IReadOnlyList<WebhookSpec>> WebhooksOfAsync(string model, CancellationToken cancellationToken)
    {
        var json = await datasets.ReadSpecAsync(model, cancellationToken);
        if (json is null)
        {
            return [];
        }

        var spec = ModelSpecParser.Parse(json, out var error);
        if (spec is null)
        {
            // Written to the container by hand and broken: its runs are quarantined with the reason; nothing to send.
            logger.SpecUnreadable(model, error!.Message);
            return [];
        }

        return spec.Webhooks;
    }

    private async Task<DateTimeOffset?> DeliverAsync(string model, WebhookSpec webhook, CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // A fresh owner per claim: two sweeps in one process (the signal's and the timer's) exclude each other too.
        var claim = await cursors.TryClaimAsync(model, webhook, Guid.NewGuid().ToString("N"), settings.Lease, cancellationToken);
        if (claim.Cursor is not { } cursor)
        {
            return claim.NotBefore;
        }

        while (true)
        {
            var page = await events.ListAsync(model, cursor.LastSequence, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                await cursors.TryUpdateAsync(cursor with { LeaseUntil = clock.GetUtcNow() }, cancellationToken);
                return null;
            }

            var passedOver = false;
            foreach (var registryEvent in page)
            {
                if (!webhook.Wants(registryEvent.Type))
                {
                    // Not subscribed: passed over, and written with the next acknowledgement or at the page's end.
                    cursor = cursor with { LastSequence = registryEvent.Sequence };
                    passedOver = true;
                    continue;
                }

                var sent = await sender.SendAsync(webhook.Url, registryEvent, cancellationToken);
                MlopsTelemetry.WebhookDeliveries.Add(1, new("model", model), new("outcome", sent.Delivered ? "delivered" : "failed"));
                if (!sent.Delivered)
                {
                    return await FailAsync(cursor, registryEvent, sent.Error ?? "not acknowledged", cancellationToken);
                }

                logger.Delivered(model, registryEvent.Sequence, webhook.Key);
                var advanced = await cursors.TryUpdateAsync(Advance(cursor, registryEvent.Sequence), cancellationToken);
                if (advanced is null)
                {
                    // The lease ran out and another instance took over: it resends from the stored cursor (at least once).
                    logger.LeaseLost(model, webhook.Key);
                    return null;
                }

                cursor = advanced;
                passedOver = false;
            }

            if (passedOver)
            {
                var advanced = await cursors.TryUpdateAsync(Advance(cursor, cursor.LastSequence), cancellationToken);
                if (advanced is null)
                {
                    logger.LeaseLost(model, webhook.Key);
                    return null;
                }

                cursor = advanced;
            }
        }
    }

    private WebhookCursor Advance(WebhookCursor cursor, long sequence) => cursor with
    {
        LastSequence = sequence,
        Failures = 0,
        RetryAt = null,
        LastError = null,
        LeaseUntil = clock.GetUtcNow() + options.Value.Lease,
    };

    private async Task<DateTimeOffset?> FailAsync(WebhookCursor cursor, RegistryEvent failed, string error, CancellationToken cancellationToken)
    {
        var failures = cursor.Failures + 1;
        var now = clock.GetUtcNow();
        var retryAt = now + options.Value.BackoffAfter(failures);
        logger.DeliveryFailed(cursor.Model, failed.Sequence, cursor.Key, failures, retryAt, error);

        // Skipped events before the failed one are written too; the lease is released so the retry can be anyone's.
        var saved = await cursors.TryUpdateAsync(
            cursor with { LastSequence = failed.Sequence - 1, Failures = failures, RetryAt = retryAt, LastError = error, LeaseUntil = now },
            cancellationToken);
        return saved is null ? null : retryAt;
    }
}
