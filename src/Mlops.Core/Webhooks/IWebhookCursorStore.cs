using Mlops.Core.Datasets;

namespace Mlops.Core.Webhooks;

/// <summary>The delivery cursors of models' webhooks, one per (model, webhook URL), beside the model's event log.</summary>
public interface IWebhookCursorStore
{
    /// <summary>
    /// Leases the webhook's cursor to <paramref name="owner"/> for <paramref name="lease"/>, creating it at sequence 0 for
    /// a new webhook. Refused (<see cref="WebhookClaim.Wait"/>) while another owner's lease runs or the webhook's backoff
    /// has not ended; <see cref="WebhookClaim.Lost"/> when another claim changed the row first.
    /// </summary>
    Task<WebhookClaim> TryClaimAsync(string model, WebhookSpec webhook, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="cursor"/> if the row still has its ETag; the cursor with its new ETag, or null when the lease was lost.</summary>
    Task<WebhookCursor?> TryUpdateAsync(WebhookCursor cursor, CancellationToken cancellationToken);

    /// <summary>The cursor as stored, or null.</summary>
    Task<WebhookCursor?> GetAsync(string model, string key, CancellationToken cancellationToken);
}
