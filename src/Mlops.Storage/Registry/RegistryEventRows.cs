using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Mlops.Core.Events;

namespace Mlops.Storage.Registry;

/// <summary>
/// The event log's rows in a model's ModelRegistry partition: "eventcounter" (the last sequence number) and
/// "event|{sequence:D19}". Living beside the version and alias rows lets one entity-group transaction change the
/// registry and append its event together.
/// </summary>
internal static class RegistryEventRows
{
    public const string Counter = "eventcounter";
    public const string Prefix = "event|";
    public const string LastProperty = "LastSequence";

    public static string Row(long sequence) => Prefix + sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Reads the counter, then runs <paramref name="changes"/> (if any) with the counter's move and the event in one transaction.</summary>
    /// <returns>The event's sequence number when it committed; null when one of the changes lost its race (its condition failed).</returns>
    public static async Task<long?> SubmitWithEventAsync(
        TableClient table,
        string model,
        IReadOnlyList<TableTransactionAction> changes,
        string type,
        IReadOnlyDictionary<string, object?> data,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(model, Counter, cancellationToken: cancellationToken);
            var next = (counter.HasValue ? counter.Value!.GetInt64(LastProperty) ?? 0 : 0) + 1;
            var counterRow = new TableEntity(model, Counter) { [LastProperty] = next };
            TableTransactionAction[] events =
            [
                counter.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, counterRow, counter.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, counterRow),
                new TableTransactionAction(TableTransactionActionType.Add, Entity(model, next, type, data, at)),
            ];
            TableTransactionAction[] actions = [.. changes, .. events];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex < changes.Count)
            {
                return null;
            }
            catch (TableTransactionFailedException) when (attempt < 50)
            {
                // Another event took this sequence number: read the counter again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 + (5 * Math.Min(attempt, 10)))), cancellationToken);
            }
        }
    }

    /// <summary>Tells the listeners (webhook delivery) after a commit; they return at once and do not throw.</summary>
    public static void Signal(IEnumerable<IRegistryEventSignal> signals, string model)
    {
        foreach (var signal in signals)
        {
            signal.Appended(model);
        }
    }

    public static RegistryEvent ToEvent(TableEntity row) => Event(
        row.PartitionKey,
        long.Parse(row.RowKey[Prefix.Length..], CultureInfo.InvariantCulture),
        row.GetString("Type") ?? string.Empty,
        row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        row.GetString("Data") ?? "{}");

    public static RegistryEvent Event(string model, long sequence, string type, DateTimeOffset at, string data)
    {
        using var json = JsonDocument.Parse(data);
        return new RegistryEvent($"{model}:{sequence.ToString(CultureInfo.InvariantCulture)}", sequence, type, at, json.RootElement.Clone());
    }

    private static TableEntity Entity(string model, long sequence, string type, IReadOnlyDictionary<string, object?> data, DateTimeOffset at) => new(model, Row(sequence))
    {
        ["Type"] = type,
        ["At"] = at,
        ["Data"] = StorageJson.Serialize(data),
    };
}
