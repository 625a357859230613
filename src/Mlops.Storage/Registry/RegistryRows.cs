using System.Globalization;
using Azure.Data.Tables;
using Mlops.Core.Datasets;
using Mlops.Core.Export;
using Mlops.Core.Registry;

namespace Mlops.Storage.Registry;

/// <summary>
/// The rows of one model's partition in the ModelRegistry table: "counter" (the last reserved version),
/// "run|{runId}" (a run's reserved version), "version|{version:D10}" (a committed version) and "alias|{name}".
/// </summary>
internal static class RegistryRows
{
    public const string Counter = "counter";
    public const string RunPrefix = "run|";
    public const string VersionPrefix = "version|";
    public const string AliasPrefix = "alias|";

    /// <summary>The character after '|', so that [prefix, prefix with '}' for '|') is every row key with the prefix.</summary>
    public const char AfterSeparator = '}';

    public const string VersionProperty = "Version";
    public const string LastVersionProperty = "LastVersion";
    public const string RunIdProperty = "RunId";
    public const string ContractVersionProperty = "ContractVersion";

    /// <summary>On an alias row: a token of the call that wrote it, so a retried call knows its own earlier write.</summary>
    public const string WriterProperty = "Writer";

    /// <summary>On a version row: retention is deleting the version, so no alias may be moved to it (see <see cref="Core.Retention.IVersionRetirement"/>).</summary>
    public const string RetiringProperty = "Retiring";
    public const string RetiringSinceProperty = "RetiringSince";

    /// <summary>The ONNX export's status, SHA-256 and reason; the rest of it (inputs, outputs, feature map) is in manifest.json.</summary>
    public const string OnnxStatusProperty = "OnnxStatus";
    public const string OnnxSha256Property = "OnnxSha256";
    public const string OnnxReasonProperty = "OnnxReason";

    /// <summary>A reason is a sentence or two; a converter's message can be long, and a string property holds 32K characters.</summary>
    private const int MaxReasonChars = 4000;

    /// <summary>Stay well inside the 1 MiB an entity may hold.</summary>
    private const int MaxEntityChars = 450_000;

    public static string Run(string runId) => RunPrefix + runId;

    public static string Version(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    public static string Alias(string alias) => AliasPrefix + alias;

    public static string End(string prefix) => prefix[..^1] + AfterSeparator;

    public static bool IsRetiring(TableEntity versionRow) => versionRow.GetBoolean(RetiringProperty) == true;

    public static TableEntity ToEntity(ModelVersion version)
    {
        var entity = new TableEntity(version.Model, Version(version.Version))
        {
            [VersionProperty] = version.Version,
            [RunIdProperty] = version.RunId,
            ["CreatedAt"] = version.CreatedAt,
            ["Trainer"] = version.Trainer,
            ["ModelSha256"] = version.ModelSha256,
            [ContractVersionProperty] = version.ContractVersion,
            [OnnxStatusProperty] = version.Onnx?.Status,
            [OnnxSha256Property] = version.Onnx?.Sha256,
            [OnnxReasonProperty] = version.Onnx?.Reason is { Length: > MaxReasonChars } lengthy ? lengthy[..MaxReasonChars] : version.Onnx?.Reason,
        };
        var json = new[]
        {
            ("ParametersJson", StorageJson.Serialize(version.Parameters)),
            ("MetricsJson", StorageJson.Serialize(version.Metrics)),
            ("SchemaJson", StorageJson.Serialize(version.Schema)),
            ("LineageJson", StorageJson.Serialize(version.Lineage)),
        };
        if (json.Sum(p => p.Item2.Length) > MaxEntityChars)
        {
            throw new InvalidOperationException(
                $"Version {version.Version} of {version.Model} is too large for a registry row ({json.Sum(p => p.Item2.Length)} characters of parameters, metrics, schema and lineage; at most {MaxEntityChars}).");
        }

        foreach (var (name, value) in json)
        {
            TableText.Write(entity, name, value);
        }

        return entity;
    }

    public static ModelVersion ToVersion(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetInt32(VersionProperty) ?? throw Corrupt(entity, VersionProperty),
        entity.GetDateTimeOffset("CreatedAt") ?? throw Corrupt(entity, "CreatedAt"),
        entity.GetString(RunIdProperty) ?? throw Corrupt(entity, RunIdProperty),
        entity.GetString("Trainer") ?? string.Empty,
        Json<Dictionary<string, string>>(entity, "ParametersJson"),
        Json<Dictionary<string, double>>(entity, "MetricsJson"),
        Json<DatasetSchema>(entity, "SchemaJson"),
        Json<Lineage>(entity, "LineageJson"),
        entity.GetString("ModelSha256") ?? string.Empty,
        entity.GetInt32(ContractVersionProperty))
    {
        Onnx = entity.GetString(OnnxStatusProperty) is { } status
            ? new OnnxExport(status, entity.GetString(OnnxReasonProperty)) { Sha256 = entity.GetString(OnnxSha256Property) }
            : null,
    };

    private static T Json<T>(TableEntity entity, string property) =>
        StorageJson.Deserialize<T>(TableText.Read(entity, property) ?? throw Corrupt(entity, property), property);

    private static InvalidOperationException Corrupt(TableEntity entity, string property) =>
        new($"Registry row {entity.PartitionKey}/{entity.RowKey} lacks {property}.");
}
