using Mlops.Core.Datasets;

namespace Mlops.Core.Training;

/// <summary>
/// Sets a feature from a raw cell as a CSV holds it, by the rules training read the column with. One place says why a
/// cell cannot be read, so a dataset refused at training and a row rejected by batch scoring give the same reason.
/// </summary>
internal static class FeatureCells
{
    /// <summary>False, with the sentence saying why, when the cell is not of the feature's kind.</summary>
    public static bool TrySet(FeatureLayout layout, FeatureRow row, int feature, string? raw, out string? problem)
    {
        problem = null;
        var column = layout.Schema.Features[feature];
        switch (column.Kind)
        {
            case ColumnKind.Categorical:
                layout.SetCategory(row, feature, raw);
                return true;
            case ColumnKind.Text:
                layout.SetText(row, feature, raw);
                return true;
            case ColumnKind.Date when !layout.TrySetDate(row, feature, raw):
                problem = $"Column '{column.Name}' holds '{Shorten(raw)}', which is not a date; the model reads it as a date.";
                return false;
            case ColumnKind.Numeric when !layout.TrySetNumber(row, feature, raw):
                problem = $"Column '{column.Name}' holds '{Shorten(raw)}', which is not a number; the model reads it as numeric.";
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// As <see cref="TrySet(FeatureLayout, FeatureRow, int, string?, out string?)"/> from a cell still in the parser's
    /// buffer: a number is read from the characters themselves, so a file of numbers allocates nothing per cell.
    /// </summary>
    public static bool TrySet(FeatureLayout layout, FeatureRow row, int feature, ReadOnlySpan<char> raw, out string? problem)
    {
        if (layout.Schema.Features[feature].Kind != ColumnKind.Numeric)
        {
            return TrySet(layout, row, feature, raw.ToString(), out problem);
        }

        problem = null;
        if (layout.TrySetNumber(row, feature, raw))
        {
            return true;
        }

        problem = $"Column '{layout.Schema.Features[feature].Name}' holds '{Shorten(raw.ToString())}', which is not a number; the model reads it as numeric.";
        return false;
    }

    public static string Shorten(string? value) =>
        value is null ? string.Empty : value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
