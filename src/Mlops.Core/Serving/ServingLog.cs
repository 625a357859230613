using Microsoft.Extensions.Logging;

namespace Mlops.Core.Serving;

internal static partial class ServingLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Critical, Message = "Model {Model} version {Version} failed its integrity check and is not served: {Reason}")]
    public static partial void IntegrityFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Model {Model}: serving version {Served} in place of version {Refused}, which failed its integrity check")]
    public static partial void ServingLastGood(ILogger logger, string model, int served, int refused);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Model {Model}: {Variant} version {Version} cannot be served, so the champion answers its traffic: {Reason}")]
    public static partial void VariantUnavailable(ILogger logger, string model, int version, string variant, string reason);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Model {Model}: challenger version {Version} could not answer a row, so the champion did: {Reason}")]
    public static partial void ChallengerFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Model {Model}: re-reading its {What} failed, so the value read before keeps answering: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string model, string what, string reason);
}
