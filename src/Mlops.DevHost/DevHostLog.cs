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
}
