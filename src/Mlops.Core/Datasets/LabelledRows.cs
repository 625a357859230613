namespace Mlops.Core.Datasets;

/// <summary>
/// The rows a model learns from: those whose label has a value. Validation counts and reports the others
/// ("label-missing-values") and training and evaluation must leave out the same ones.
/// </summary>
public static class LabelledRows
{
    public static IReadOnlyList<string[]> Of(CsvDataset data, string label)
    {
        var column = data.IndexOf(label);
        if (column < 0)
        {
            throw new ArgumentException($"The data has no column '{label}'.", nameof(label));
        }

        return [.. data.Rows.Where(row => column < row.Length && !MissingValues.IsMissing(row[column]))];
    }
}
