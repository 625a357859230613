using Microsoft.Extensions.Logging;

namespace Mlops.Core.Training.Search;

internal static partial class WarmStartLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "The search record {Path} of {Model} version {Version} could not be read, so a new run starts from the champion's configuration alone: {Reason}")]
    public static partial void SearchRecordUnreadable(ILogger logger, string model, int version, string path, string reason);
}
