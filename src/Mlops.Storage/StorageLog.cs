using Microsoft.Extensions.Logging;

namespace Mlops.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Storage account {Account} ready: {Containers} containers and {Tables} tables exist")]
    public static partial void StorageReady(this ILogger logger, string account, int containers, int tables);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reserved version {Version} of {Model} for run {RunId}")]
    public static partial void VersionReserved(this ILogger logger, string model, int version, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reserving a version of {Model} for run {RunId} lost a race (attempt {Attempt}); retrying")]
    public static partial void ReservationRaced(this ILogger logger, string model, string runId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed version {Version} of {Model} from run {RunId}")]
    public static partial void VersionCommitted(this ILogger logger, string model, int version, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alias {Alias} of {Model} now points to version {Version}")]
    public static partial void AliasMoved(this ILogger logger, string model, string alias, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alias {Alias} of {Model} was not moved to version {Version}: another writer changed it first")]
    public static partial void AliasRaceLost(this ILogger logger, string model, string alias, int version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retiring version {Version} of {Model} raced another writer (attempt {Attempt}); retrying")]
    public static partial void RetirementRaced(this ILogger logger, string model, int version, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarantined dataset {BlobName} ({Sha256})")]
    public static partial void Quarantined(this ILogger logger, string blobName, string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: {Rows} shadow rows were not sent to the shadow queue ({Reason})")]
    public static partial void ShadowRowsDropped(this ILogger logger, string model, int rows, string reason, Exception? exception);
}
