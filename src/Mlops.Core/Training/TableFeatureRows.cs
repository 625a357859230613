using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;

namespace Mlops.Core.Training;

/// <summary>
/// A dataset's rows as a model's input, features and label, under the model's own schema. Columns typed as the model
/// reads them are copied as they are; a column the data types otherwise (an older champion's schema) is read from its
/// text, as a CSV cell would be.
/// </summary>
internal static class TableFeatureRows
{
    /// <summary>Every row under the dataset's own schema, made once per dataset and shared: rows are never changed.</summary>
    public static IReadOnlyList<FeatureRow> All(ColumnarDataset data) =>
        data.Derived("feature-rows", () => Read(FeatureLayout.For(data.Schema), data, Enumerable.Range(0, data.RowCount).ToArray()));

    /// <summary>
    /// Throws <see cref="MlopsException"/> naming the column when the data cannot be read as the schema says: data and
    /// model disagree.
    /// </summary>
    public static List<FeatureRow> Read(FeatureLayout layout, ColumnarDataset data, IReadOnlyList<int> rows)
    {
        var schema = layout.Schema;
        var columns = schema.Features.Select(f => data.Column(f.Name) ?? throw MlopsException.Invalid($"The data has no column '{f.Name}', which the model needs as its feature.")).ToArray();
        var tokens = new string[columns.Length][];
        for (var i = 0; i < columns.Length; i++)
        {
            if (schema.Features[i].Kind == ColumnKind.Categorical && columns[i] is CodedColumn coded)
            {
                tokens[i] = [.. coded.Values.Select(v => FeatureLayout.Token(i, v))];
            }
        }

        var labels = Labels(layout, data);
        var missingToken = Enumerable.Range(0, columns.Length).Select(i => FeatureLayout.Token(i, string.Empty)).ToArray();
        var result = new List<FeatureRow>(rows.Count);
        foreach (var r in rows)
        {
            var row = layout.CreateRow();
            for (var i = 0; i < columns.Length; i++)
            {
                var kind = schema.Features[i].Kind;
                switch (columns[i])
                {
                    case NumberColumn numbers when kind == ColumnKind.Numeric:
                        layout.SetNumber(row, i, numbers.Values[r]);
                        break;
                    case DateColumn dates when kind == ColumnKind.Date:
                        layout.SetDate(row, i, dates.Ticks[r]);
                        break;
                    case CodedColumn coded when kind == ColumnKind.Categorical:
                        row.Categorical[layout.Slot(i)] = coded.Codes[r] == CodedColumn.Missing ? missingToken[i] : tokens[i][coded.Codes[r]];
                        break;
                    case CodedColumn coded when kind == ColumnKind.Text:
                        layout.SetText(row, i, coded.Text(r));
                        break;
                    default:
                        SetFromText(layout, row, i, columns[i].Text(r));
                        break;
                }
            }

            labels(row, r);
            result.Add(row);
        }

        return result;
    }

    private static void SetFromText(FeatureLayout layout, FeatureRow row, int feature, string? raw)
    {
        if (!FeatureCells.TrySet(layout, row, feature, raw, out var problem))
        {
            throw MlopsException.Invalid(problem!);
        }
    }

    /// <summary>What sets a row's label: the data's value, checked against the model's classes.</summary>
    private static Action<FeatureRow, int> Labels(FeatureLayout layout, ColumnarDataset data)
    {
        var schema = layout.Schema;
        if (schema.Task == MlTask.Regression)
        {
            return data.Label is NumberColumn numbers
                ? (row, r) => row.LabelValue = numbers.Values[r]
                : throw MlopsException.Invalid($"Label '{schema.Label}' is not numeric in this data; a regression label must be.");
        }

        var classes = schema.ClassLabels.ToHashSet(StringComparer.Ordinal);
        return (row, r) =>
        {
            var label = data.Label.Text(r) ?? string.Empty;
            row.LabelText = classes.Contains(label)
                ? label
                : throw MlopsException.Invalid($"Label '{schema.Label}' holds '{FeatureCells.Shorten(label)}', which is not one of the model's classes: {string.Join(", ", schema.ClassLabels)}.");
        };
    }
}
