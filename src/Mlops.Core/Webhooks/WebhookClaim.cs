namespace Mlops.Core.Webhooks;

/// <summary>The outcome of claiming a webhook's cursor: the cursor, leased to the caller, or when to look again.</summary>
public sealed record WebhookClaim(WebhookCursor? Cursor, DateTimeOffset? NotBefore)
{
    public static WebhookClaim Claimed(WebhookCursor cursor) => new(cursor, null);

    /// <summary>Another instance holds the lease until <paramref name="notBefore"/>, or the webhook is backing off until then.</summary>
    public static WebhookClaim Wait(DateTimeOffset notBefore) => new(null, notBefore);

    /// <summary>Another claim won the race just now; it delivers.</summary>
    public static WebhookClaim Lost { get; } = new(null, null);
}
