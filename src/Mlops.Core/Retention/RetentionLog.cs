using Microsoft.Extensions.Logging;

namespace Mlops.Core.Retention;

internal static partial class RetentionLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Retention deleted version {Version} of {Model} ({Blobs} artifacts)")]
    public static partial void VersionDeleted(this ILogger logger, string model, int version, int blobs);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Retention kept version {Version} of {Model} after marking it: {Reason}")]
    public static partial void RetirementCancelled(this ILogger logger, string model, int version, string reason);

    [LoggerMessage(
        EventId = 702,
        Level = LogLevel.Warning,
        Message = "Version {Version} of {Model} was taken back from retirement by another retention pass after its artifacts were deleted; its row stays")]
    public static partial void RetirementTakenBack(this ILogger logger, string model, int version);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Retention of {Model}: {Kept} versions kept, {Deleted} deleted (keeping the {KeepVersions} newest)")]
    public static partial void ModelPruned(this ILogger logger, string model, int kept, int deleted, int keepVersions);
}
