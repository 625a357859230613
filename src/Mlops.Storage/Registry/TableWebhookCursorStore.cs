using Azure;
using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Webhooks;

namespace Mlops.Storage.Registry;

/// <summary>Webhook cursors in the ModelRegistry table (see <see cref="WebhookCursorRows"/>), leased and moved by ETag.</summary>
public sealed class TableWebhookCursorStore(StorageClients clients, TimeProvider clock) : IWebhookCursorStore
{
    private readonly TableClient table = clients.Table(StorageNames.ModelRegistryTable);

    public async Task<WebhookClaim> TryClaimAsync(string model, WebhookSpec webhook, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var now = clock.GetUtcNow();
        var current = await GetAsync(model, webhook.Key, cancellationToken);
        if (current is not null && current.LeaseUntil > now && current.Owner != owner)
        {
            return WebhookClaim.Wait(current.LeaseUntil);
        }

        if (current?.RetryAt is { } retryAt && retryAt > now)
        {
            return WebhookClaim.Wait(retryAt);
        }

        var claimed = current is null
            ? new WebhookCursor(model, webhook.Key, webhook.Url, 0, 0, null, null, owner, now + lease, string.Empty)
            : current with { Url = webhook.Url, Owner = owner, LeaseUntil = now + lease };
        try
        {
            var written = current is null
                ? await table.AddEntityAsync(WebhookCursorRows.ToEntity(claimed), cancellationToken)
                : await table.UpdateEntityAsync(WebhookCursorRows.ToEntity(claimed), WebhookCursorRows.ETagOf(current), TableUpdateMode.Replace, cancellationToken);
            return WebhookClaim.Claimed(claimed with { ETag = written.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table answered without an ETag.") });
        }
        catch (RequestFailedException e) when (e.Status is StorageErrors.Conflict or StorageErrors.PreconditionFailed)
        {
            return WebhookClaim.Lost;
        }
    }

    public async Task<WebhookCursor?> TryUpdateAsync(WebhookCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            var written = await table.UpdateEntityAsync(WebhookCursorRows.ToEntity(cursor), WebhookCursorRows.ETagOf(cursor), TableUpdateMode.Replace, cancellationToken);
            return cursor with { ETag = written.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table answered without an ETag.") };
        }
        catch (RequestFailedException e) when (e.Status is StorageErrors.NotFound or StorageErrors.PreconditionFailed)
        {
            return null;
        }
    }

    public async Task<WebhookCursor?> GetAsync(string model, string key, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, WebhookCursorRows.Row(key), cancellationToken: cancellationToken);
        return row.HasValue ? WebhookCursorRows.ToCursor(row.Value!) : null;
    }
}
