using Microsoft.Extensions.Logging;

namespace Mlops.Functions.Triggers;

internal static partial class TriggerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Blob {Model}/{Name} is not a dataset; ignored")]
    public static partial void Ignored(ILogger logger, string model, string name);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Blob {Model}/{Name} is under an invalid model name and was not trained: {Rule}")]
    public static partial void InvalidModel(ILogger logger, string model, string name, string rule);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Blob {Model}/{Name} was deleted before its run could start")]
    public static partial void Vanished(ILogger logger, string model, string name);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Blob scoring/{Model}/{Name} was not scored: {Rule}")]
    public static partial void NotScorable(ILogger logger, string model, string name, string rule);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Blob scoring/{Model}/{Name} was not scored: {Reason}")]
    public static partial void NotScored(ILogger logger, string model, string name, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Blob scoring/{Model}/{Name} came through the scoring route, which started its job; ignored")]
    public static partial void UploadedByRoute(ILogger logger, string model, string name);
}
