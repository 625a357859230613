using Microsoft.Extensions.Logging;

namespace Mlops.Core.Datasets.Columnar;

internal static partial class ColumnarCopyLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Dataset {Dataset} read from its typed copy {Copy} ({Rows} rows)")]
    public static partial void CopyRead(this ILogger logger, string dataset, string copy, int rows);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Typed copy {Copy} written: {Rows} rows, {Bytes} bytes")]
    public static partial void CopyWritten(this ILogger logger, string copy, int rows, long bytes);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Typed copy {Copy} could not be read, so the dataset is parsed instead: {Reason}")]
    public static partial void CopyUnreadable(this ILogger logger, string copy, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Typed copy {Copy} could not be written; other instances parse the dataset themselves: {Reason}")]
    public static partial void CopyNotWritten(this ILogger logger, string copy, string reason);
}
