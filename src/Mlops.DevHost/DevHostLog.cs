namespace Mlops.DevHost;

/// <summary>The DevHost's own log events (its adapters, not the product's).</summary>
internal static partial class DevHostLog
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Task {Task} is already running in this host; the duplicate message goes back to the queue")]
    public static partial void DuplicateActivityDeferred(ILogger logger, string task);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Renewing the lock of activity work item {WorkItem} failed: {Reason}")]
    public static partial void ActivityRenewalFailed(ILogger logger, string workItem, string reason);

    [LoggerMessage(EventId = 312, Level = LogLevel.Error, Message = "Function {Function} failed (trace id {TraceId})")]
    public static partial void FunctionFailed(ILogger logger, string function, string traceId, Exception exception);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "Queue function {Function} failed on message {MessageId} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void QueueMessageFailed(ILogger logger, string function, string messageId, long attempt, int maxAttempts, Exception exception);

    [LoggerMessage(EventId = 314, Level = LogLevel.Error, Message = "Queue function {Function}: message {MessageId} moved to {PoisonQueue} after {Attempts} attempts")]
    public static partial void QueueMessagePoisoned(ILogger logger, string function, string messageId, string poisonQueue, long attempts);

    [LoggerMessage(EventId = 315, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed")]
    public static partial void QueuePollFailed(ILogger logger, string queue, Exception exception);
}
