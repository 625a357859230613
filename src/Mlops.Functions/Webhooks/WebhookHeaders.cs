namespace Mlops.Functions.Webhooks;

/// <summary>The headers of every delivery, so a receiver can route, deduplicate and verify before it parses the body.</summary>
public static class WebhookHeaders
{
    public const string EventId = "X-Mlops-Event-Id";
    public const string EventType = "X-Mlops-Event-Type";
    public const string Signature = "X-Mlops-Signature";
}
