namespace Mlops.Core.Webhooks;

/// <summary>One event's delivery: acknowledged (a 2xx answer), or why not.</summary>
public sealed record WebhookSendResult(bool Delivered, string? Error)
{
    public static WebhookSendResult Acknowledged { get; } = new(true, null);

    public static WebhookSendResult Failed(string error) => new(false, error);
}
