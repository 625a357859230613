using Mlops.Core.Datasets;
using Mlops.Core.Errors;

namespace Mlops.Core.Training;

/// <summary>Reads raw CSV rows as a model's input, features and label, under the model's own schema.</summary>
internal static class CsvFeatureRows
{
    /// <summary>
    /// Throws <see cref="MlopsException"/> naming the column when the data cannot be read as the schema says:
    /// validated data never does, so here it means data and model disagree.
    /// </summary>
    public static List<FeatureRow> Read(FeatureLayout layout, CsvDataset data, IReadOnlyList<string[]> rows)
    {
        var schema = layout.Schema;
        var columns = new int[schema.Features.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = IndexOrThrow(data, schema.Features[i].Name, "feature");
        }

        var labelColumn = IndexOrThrow(data, schema.Label, "label");
        var classes = schema.ClassLabels.ToHashSet(StringComparer.Ordinal);
        var result = new List<FeatureRow>(rows.Count);
        foreach (var cells in rows)
        {
            var row = layout.CreateRow();
            for (var i = 0; i < columns.Length; i++)
            {
                var raw = Cell(cells, columns[i]);
                switch (schema.Features[i].Kind)
                {
                    case ColumnKind.Categorical:
                        layout.SetCategory(row, i, raw);
                        break;
                    case ColumnKind.Text:
                        layout.SetText(row, i, raw);
                        break;
                    case ColumnKind.Date when !layout.TrySetDate(row, i, raw):
                        throw MlopsException.Invalid($"Column '{schema.Features[i].Name}' holds '{Shorten(raw)}', which is not a date; the model reads it as a date.");
                    case ColumnKind.Numeric when !layout.TrySetNumber(row, i, raw):
                        throw MlopsException.Invalid($"Column '{schema.Features[i].Name}' holds '{Shorten(raw)}', which is not a number; the model reads it as numeric.");
                }
            }

            SetLabel(schema, classes, row, Cell(cells, labelColumn));
            result.Add(row);
        }

        return result;
    }

    private static void SetLabel(DatasetSchema schema, HashSet<string> classes, FeatureRow row, string? raw)
    {
        if (schema.Task == MlTask.Regression)
        {
            if (!FeatureLayout.TryParseNumber(raw, out var value))
            {
                throw MlopsException.Invalid($"Label '{schema.Label}' holds '{Shorten(raw)}', which is not a number; a regression label must be.");
            }

            row.LabelValue = value;
            return;
        }

        var label = raw?.Trim() ?? string.Empty;
        if (!classes.Contains(label))
        {
            throw MlopsException.Invalid($"Label '{schema.Label}' holds '{Shorten(label)}', which is not one of the model's classes: {string.Join(", ", schema.ClassLabels)}.");
        }

        row.LabelText = label;
    }

    private static int IndexOrThrow(CsvDataset data, string column, string role)
    {
        var index = data.IndexOf(column);
        return index >= 0 ? index : throw MlopsException.Invalid($"The data has no column '{column}', which the model needs as its {role}.");
    }

    // A ragged row reads as missing cells rather than failing: validation reports raggedness, not training.
    private static string? Cell(string[] cells, int index) => index < cells.Length ? cells[index] : null;

    private static string Shorten(string? value) =>
        value is null ? string.Empty : value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
