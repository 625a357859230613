using Mlops.Core.Datasets;
using Mlops.Core.Errors;

namespace Mlops.Core.Training;

/// <summary>
/// Splits a dataset into training and holdout rows. A row's side is decided by a seeded hash of its content, ranked
/// within its class: the same data, seed and fraction always give the same split,
/// and when a dataset grows by appending rows, rows that were held out mostly stay held out, so the champion is not
/// scored on much of what it was trained on. Identical rows rank together, so at most one group of them straddles the
/// cut in each class.
/// </summary>
public static class HoldoutSplit
{
    /// <summary>
    /// Stratified by label for classification (each class with two or more rows gives at least one to each side).
    /// Rows with a missing label are excluded. Both parts keep the data's row order.
    /// </summary>
    public static (IReadOnlyList<string[]> Training, IReadOnlyList<string[]> Holdout) Split(CsvDataset data, DatasetSchema schema, double holdoutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        if (holdoutFraction is < 0 or >= 1 || double.IsNaN(holdoutFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "The holdout fraction must be in [0, 1).");
        }

        var label = data.IndexOf(schema.Label);
        if (label < 0)
        {
            throw MlopsException.Invalid($"The data has no label column '{schema.Label}'.");
        }

        var strata = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var cells = data.Rows[i];
            var value = label < cells.Length ? cells[label] : null;
            if (MissingValues.IsMissing(value))
            {
                continue;
            }

            var key = schema.Task == MlTask.Regression ? string.Empty : value!.Trim();
            if (!strata.TryGetValue(key, out var rows))
            {
                strata[key] = rows = [];
            }

            rows.Add(i);
        }

        var heldOut = new bool[data.Rows.Count];
        using var hash = new RowHash();
        foreach (var rows in strata.Values)
        {
            var count = HoldoutCount(rows.Count, holdoutFraction);
            var ranked = rows.Select(i => (Hash: hash.Of(data.Rows[i], seed), Index: i)).Order().Take(count);
            foreach (var (_, index) in ranked)
            {
                heldOut[index] = true;
            }
        }

        var training = new List<string[]>();
        var holdout = new List<string[]>();
        foreach (var index in strata.Values.SelectMany(r => r).Order())
        {
            (heldOut[index] ? holdout : training).Add(data.Rows[index]);
        }

        return (training, holdout);
    }

    private static int HoldoutCount(int rows, double fraction)
    {
        var count = (int)Math.Round(rows * fraction, MidpointRounding.AwayFromZero);
        return fraction > 0 && rows >= 2 ? Math.Clamp(count, 1, rows - 1) : count;
    }
}
