using System.Globalization;
using Microsoft.ML.Data;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;

namespace Mlops.Core.Training;

/// <summary>
/// Where each feature of a <see cref="DatasetSchema"/> sits in a <see cref="FeatureRow"/> and how a raw value is
/// turned into what sits there. Every reader of rows (CSV, JSON) goes through here.
/// </summary>
internal sealed class FeatureLayout
{
    private readonly int[] slots;
    private readonly int dateParts;

    private FeatureLayout(DatasetSchema schema)
    {
        Schema = schema;
        dateParts = schema.DatePartCount;
        slots = new int[schema.Features.Count];
        for (var i = 0; i < schema.Features.Count; i++)
        {
            switch (schema.Features[i].Kind)
            {
                case ColumnKind.Numeric:
                    slots[i] = NumericCount++;
                    break;
                case ColumnKind.Date:
                    slots[i] = NumericCount;
                    NumericCount += dateParts;
                    break;
                case ColumnKind.Text:
                    slots[i] = TextCount++;
                    break;
                default:
                    slots[i] = CategoricalCount++;
                    break;
            }
        }
    }

    public DatasetSchema Schema { get; }

    /// <summary>Numeric slots: one per numeric feature and <see cref="DatasetSchema.DatePartCount"/> per date feature.</summary>
    public int NumericCount { get; }

    public int CategoricalCount { get; }

    public int TextCount { get; }

    public static FeatureLayout For(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Features.Count == 0)
        {
            throw MlopsException.Invalid("The schema has no feature columns; a model needs at least one.");
        }

        var classes = schema.ClassLabels.Count;
        if (schema.Task == MlTask.BinaryClassification ? classes != 2 : schema.Task == MlTask.MulticlassClassification && classes < 2)
        {
            throw MlopsException.Invalid($"A {schema.Task} model cannot have {classes} class labels.");
        }

        if (schema.ClassLabels.Distinct(StringComparer.Ordinal).Count() != classes)
        {
            throw MlopsException.Invalid("The schema lists a class label twice.");
        }

        return new FeatureLayout(schema);
    }

    /// <summary>
    /// The ML.NET schema of <see cref="FeatureRow"/> for this layout: fixed vector sizes, and only the columns this
    /// task reads (an empty vector would be variable-sized, which ML.NET's transforms refuse). Only training views
    /// are <paramref name="weighted"/>: scoring never reads a weight.
    /// </summary>
    public SchemaDefinition CreateInputDefinition(bool weighted = false)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        Resize(definition, nameof(FeatureRow.Numeric), NumericCount, NumberDataViewType.Single);
        Resize(definition, nameof(FeatureRow.Categorical), CategoricalCount, TextDataViewType.Instance);
        Resize(definition, nameof(FeatureRow.Text), TextCount, TextDataViewType.Instance);
        definition.Remove(definition[Schema.Task == MlTask.Regression ? nameof(FeatureRow.LabelText) : nameof(FeatureRow.LabelValue)]);
        if (!weighted)
        {
            definition.Remove(definition[nameof(FeatureRow.Weight)]);
        }

        return definition;
    }

    /// <summary>The input definition without either label column: what a scorer outside ML.NET is given (ONNX export).</summary>
    public SchemaDefinition CreateFeatureDefinition()
    {
        var definition = CreateInputDefinition();
        definition.Remove(definition[Schema.Task == MlTask.Regression ? nameof(FeatureRow.LabelValue) : nameof(FeatureRow.LabelText)]);
        return definition;
    }

    public FeatureRow CreateRow()
    {
        var row = new FeatureRow { Numeric = new float[NumericCount], Categorical = new string[CategoricalCount], Text = new string[TextCount] };
        for (var i = 0; i < Schema.Features.Count; i++)
        {
            switch (Schema.Features[i].Kind)
            {
                case ColumnKind.Categorical:
                    SetCategory(row, i, null);
                    break;
                case ColumnKind.Date:
                    row.Numeric.AsSpan(slots[i], dateParts).Fill(float.NaN);
                    break;
                case ColumnKind.Text:
                    SetText(row, i, null);
                    break;
            }
        }

        return row;
    }

    /// <summary>Missing values become NaN, which the pipeline flags and imputes.</summary>
    public void SetNumber(FeatureRow row, int feature, double? value) =>
        row.Numeric[slots[feature]] = value is { } v ? ToSingle(v) : float.NaN;

    /// <summary>Parses a raw cell; false when it is neither missing nor a number.</summary>
    public bool TrySetNumber(FeatureRow row, int feature, string? raw) => TrySetNumber(row, feature, raw.AsSpan());

    /// <inheritdoc cref="TrySetNumber(FeatureRow, int, string?)"/>
    public bool TrySetNumber(FeatureRow row, int feature, ReadOnlySpan<char> raw)
    {
        if (MissingValues.IsMissing(raw))
        {
            SetNumber(row, feature, null);
            return true;
        }

        if (!TryParseNumber(raw, out var value))
        {
            return false;
        }

        row.Numeric[slots[feature]] = value;
        return true;
    }

    /// <summary>By the rule validation used to call the column numeric, so a validated cell always parses here.</summary>
    public static bool TryParseNumber(string? raw, out float value) => TryParseNumber(raw.AsSpan(), out value);

    /// <inheritdoc cref="TryParseNumber(string?, out float)"/>
    public static bool TryParseNumber(ReadOnlySpan<char> raw, out float value)
    {
        var parsed = CsvValues.TryParseNumber(raw, out var number);
        value = parsed ? ToSingle(number) : float.NaN;
        return parsed;
    }

    /// <summary>A missing value is a category of its own ("3="), so missingness can predict.</summary>
    public void SetCategory(FeatureRow row, int feature, string? raw)
    {
        var value = MissingValues.IsMissing(raw) ? string.Empty : raw!.Trim();
        if (Schema.Features[feature].Boolean is { } spelling && value.Length > 0)
        {
            value = spelling.Spell(value);
        }

        row.Categorical[slots[feature]] = Token(feature, value);
    }

    /// <summary>The token a category value becomes; the prefix keeps equal values of two columns apart.</summary>
    public static string Token(int feature, string value) => string.Create(CultureInfo.InvariantCulture, $"{feature}={value}");

    /// <summary>The feature a token of <see cref="FeatureRow.Categorical"/> belongs to.</summary>
    public static int FeatureOfToken(string token) =>
        int.Parse(token.AsSpan(0, token.IndexOf('=', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    /// <summary>Parses a raw date; missing parts are NaN (flagged and imputed); false when it is not a date.</summary>
    public bool TrySetDate(FeatureRow row, int feature, string? raw)
    {
        var parts = row.Numeric.AsSpan(slots[feature], dateParts);
        if (MissingValues.IsMissing(raw))
        {
            parts.Fill(float.NaN);
            return true;
        }

        return DateParts.TryParse(raw, parts);
    }

    /// <summary>A date feature's parts from UTC ticks (<see cref="DateColumn.Missing"/> when missing).</summary>
    public void SetDate(FeatureRow row, int feature, long ticks)
    {
        var parts = row.Numeric.AsSpan(slots[feature], dateParts);
        if (ticks == DateColumn.Missing)
        {
            parts.Fill(float.NaN);
        }
        else
        {
            DateParts.Fill(new DateTime(ticks, DateTimeKind.Utc), parts);
        }
    }

    /// <summary>Where a feature sits in its vector of <see cref="FeatureRow"/> (its first slot, for a date).</summary>
    public int Slot(int feature) => slots[feature];

    /// <summary>Copies one feature's value from a row to another (the permutation of importance).</summary>
    public void CopyFeature(FeatureRow from, FeatureRow to, int feature)
    {
        switch (Schema.Features[feature].Kind)
        {
            case ColumnKind.Numeric:
                to.Numeric[slots[feature]] = from.Numeric[slots[feature]];
                break;
            case ColumnKind.Date:
                from.Numeric.AsSpan(slots[feature], dateParts).CopyTo(to.Numeric.AsSpan(slots[feature], dateParts));
                break;
            case ColumnKind.Text:
                to.Text[slots[feature]] = from.Text[slots[feature]];
                break;
            default:
                to.Categorical[slots[feature]] = from.Categorical[slots[feature]];
                break;
        }
    }

    public void SetText(FeatureRow row, int feature, string? raw) =>
        row.Text[slots[feature]] = MissingValues.IsMissing(raw) ? string.Empty : raw!.Trim();

    // The model computes in single precision; a finite double beyond its range saturates instead of becoming infinity.
    private static float ToSingle(double value) => (float)Math.Clamp(value, float.MinValue, float.MaxValue);

    private static void Resize(SchemaDefinition definition, string column, int size, PrimitiveDataViewType itemType)
    {
        if (size == 0)
        {
            definition.Remove(definition[column]);
        }
        else
        {
            definition[column].ColumnType = new VectorDataViewType(itemType, size);
        }
    }
}
