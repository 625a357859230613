using Azure;
using Azure.Data.Tables;
using Mlops.Core.Webhooks;

namespace Mlops.Storage.Registry;

/// <summary>
/// A webhook's delivery cursor in its model's ModelRegistry partition: "webhook|{first 16 hex digits of SHA-256(url)}"
/// with Url, LastSequence (every event up to it acknowledged), Failures, RetryAt, LastError, and the lease (Owner,
/// LeaseUntil). Beside the log it follows, so one partition holds a model's registry, events and deliveries.
/// </summary>
internal static class WebhookCursorRows
{
    public const string Prefix = "webhook|";

    public static string Row(string key) => Prefix + key;

    public static TableEntity ToEntity(WebhookCursor cursor) => new(cursor.Model, Row(cursor.Key))
    {
        ["Url"] = cursor.Url.AbsoluteUri,
        ["LastSequence"] = cursor.LastSequence,
        ["Failures"] = cursor.Failures,
        ["RetryAt"] = cursor.RetryAt,
        ["LastError"] = cursor.LastError is { Length: > 1024 } error ? error[..1024] : cursor.LastError,
        ["Owner"] = cursor.Owner,
        ["LeaseUntil"] = cursor.LeaseUntil,
    };

    public static WebhookCursor ToCursor(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey[Prefix.Length..],
        new Uri(row.GetString("Url") ?? throw Corrupt(row, "Url")),
        row.GetInt64("LastSequence") ?? throw Corrupt(row, "LastSequence"),
        row.GetInt32("Failures") ?? 0,
        row.GetDateTimeOffset("RetryAt"),
        row.GetString("LastError"),
        row.GetString("Owner"),
        row.GetDateTimeOffset("LeaseUntil") ?? DateTimeOffset.MinValue,
        row.ETag.ToString());

    public static ETag ETagOf(WebhookCursor cursor) => new(cursor.ETag);

    private static InvalidOperationException Corrupt(TableEntity row, string property) =>
        new($"Webhook cursor {row.PartitionKey}/{row.RowKey} lacks {property}.");
}
