using Azure.Data.Tables;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;

namespace Mlops.Storage.Experiments;

/// <summary>
/// Scored outcomes in the ExperimentOutcomes table: partition = experiment id, row = "{prediction id}|{variant}" (a
/// shadow experiment scores both variants on one prediction id); upserted, so a corrected label replaces its score.
/// </summary>
public sealed class TableExperimentOutcomes(StorageClients clients) : IExperimentOutcomes
{
    private static readonly string[] Projection = ["Variant", "Score"];

    private readonly TableClient table = clients.Table(StorageNames.ExperimentOutcomesTable);

    public async Task RecordAsync(string experimentId, string predictionId, string variant, double score, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Validate(experimentId, "experiment id"), $"{TableKeys.Validate(predictionId, "prediction id")}|{TableKeys.Validate(variant, "variant")}")
        {
            ["Variant"] = variant,
            ["Score"] = score,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<(VariantTally Champion, VariantTally Challenger)> TallyAsync(string experimentId, CancellationToken cancellationToken)
    {
        var (champion, challenger) = (default(VariantTally), default(VariantTally));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Validate(experimentId, "experiment id")}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: Projection, cancellationToken: cancellationToken))
        {
            if (row.GetDouble("Score") is not { } score)
            {
                continue;
            }

            if (row.GetString("Variant") == Aliases.Challenger)
            {
                challenger = challenger.Add(score);
            }
            else
            {
                champion = champion.Add(score);
            }
        }

        return (champion, challenger);
    }
}
