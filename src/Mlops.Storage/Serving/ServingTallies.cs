using System.Globalization;
using Azure.Data.Tables;
using Mlops.Core.Experiments;

namespace Mlops.Storage.Serving;

/// <summary>
/// How each experiment's variants served, kept beside the prediction log so a look reads a few rows instead of every
/// prediction: partition = "{model}~{experiment id}", one row per hour per writing process, holding that process's running
/// total for the hour. A process replaces its own row with its total (never a read-modify-write), so processes do not
/// contend and writing a total again is harmless; a segment counted once is not counted again when a write is retried.
/// </summary>
internal sealed class ServingTallies(TableClient table, TimeProvider clock) : IDisposable
{
    private readonly string writer = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<(string Model, string Experiment), Running> running = [];

    /// <summary>Adds a written segment's serving counts to its experiments' totals and stores those totals.</summary>
    public async Task CountAsync(string model, string segment, IReadOnlyDictionary<string, ExperimentServing> counted, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var hour = clock.GetUtcNow().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
            foreach (var stale in running.Where(r => r.Value.Hour != hour).Select(r => r.Key).ToList())
            {
                running.Remove(stale);
            }

            foreach (var (experiment, serving) in counted)
            {
                if (!running.TryGetValue((model, experiment), out var total))
                {
                    running[(model, experiment)] = total = new Running(hour);
                }

                if (total.Segments.Add(segment))
                {
                    total.Serving = total.Serving.Add(serving);
                }

                var entity = new TableEntity(Partition(model, experiment), hour + "~" + writer)
                {
                    ["Serving"] = StorageJson.Serialize(total.Serving),
                };
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<ExperimentServing> ReadAsync(string model, string experimentId, CancellationToken cancellationToken)
    {
        var serving = ExperimentServing.None;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(model, experimentId)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["Serving"], cancellationToken: cancellationToken))
        {
            serving = serving.Add(StorageJson.Deserialize<ExperimentServing>(row.GetString("Serving") ?? "null", "serving tally"));
        }

        return serving;
    }

    public void Dispose() => gate.Dispose();

    private static string Partition(string model, string experimentId) => model + "~" + TableKeys.Validate(experimentId, "experiment id");

    private sealed class Running(string hour)
    {
        public string Hour { get; } = hour;

        public HashSet<string> Segments { get; } = new(StringComparer.Ordinal);

        public ExperimentServing Serving { get; set; } = ExperimentServing.None;
    }
}
