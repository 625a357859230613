namespace Mlops.Core.Training;

/// <summary>
/// The data report's mitigation for class imbalance: each row weighs n / (k · n_c), so every class carries the same
/// total weight in the loss and a rare class is not traded away for accuracy on the common one.
/// </summary>
internal static class ClassWeights
{
    /// <summary>Copies of the rows (features shared, not copied) with their class's weight set.</summary>
    public static List<FeatureRow> Apply(IReadOnlyList<FeatureRow> rows)
    {
        var counts = rows.GroupBy(r => r.LabelText, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. rows.Select(r => new FeatureRow
        {
            Numeric = r.Numeric,
            Categorical = r.Categorical,
            Text = r.Text,
            LabelText = r.LabelText,
            LabelValue = r.LabelValue,
            Weight = (float)((double)rows.Count / (counts.Count * counts[r.LabelText])),
        })];
    }
}
