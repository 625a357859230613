using Microsoft.Extensions.Logging;

namespace Mlops.Core.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Delivered event {Sequence} of {Model} to webhook {Webhook}")]
    public static partial void Delivered(this ILogger logger, string model, long sequence, string webhook);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Webhook {Webhook} of {Model} failed event {Sequence} ({Failures} in a row); next try at {RetryAt}: {Error}")]
    public static partial void DeliveryFailed(this ILogger logger, string model, long sequence, string webhook, int failures, DateTimeOffset retryAt, string error);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Webhook {Webhook} of {Model}: the cursor's lease was taken over; the new holder resends from the stored cursor")]
    public static partial void LeaseLost(this ILogger logger, string model, string webhook);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "Webhooks of {Model} not delivered: the stored spec is invalid. {Reason}")]
    public static partial void SpecUnreadable(this ILogger logger, string model, string reason);
}
