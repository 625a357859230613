using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Training;

namespace Mlops.Core.Serving;

/// <summary>
/// Reads a request's features as the model's input row, by the same rules a CSV cell is read at training time:
/// JSON null and the missing tokens are missing values, numbers may come as JSON numbers or numeric strings (with the
/// training file's decimal mark: "1,5" for a model trained on a file written with decimal commas).
/// </summary>
internal static class JsonFeatureRows
{
    /// <summary>Unknown request fields named in an error at most; a request can carry a whole record.</summary>
    private const int MaxNamed = 5;

    /// <summary>Characters of a request's field name repeated in an error at most: the name is the caller's text.</summary>
    private const int MaxNameLength = 64;

    /// <summary>Throws <see cref="MlopsException"/> naming the feature for a missing feature or a value of the wrong type.</summary>
    public static FeatureRow Read(FeatureLayout layout, IReadOnlyDictionary<string, JsonElement> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var schema = layout.Schema;
        var row = layout.CreateRow();
        for (var i = 0; i < schema.Features.Count; i++)
        {
            var column = schema.Features[i];
            if (!features.TryGetValue(column.Name, out var value))
            {
                throw MlopsException.Invalid(Missing(schema, column.Name, features));
            }

            switch (column.Kind)
            {
                case ColumnKind.Numeric:
                    SetNumber(layout, row, i, column.Name, value);
                    break;
                case ColumnKind.Date:
                    SetDate(layout, row, i, column.Name, value);
                    break;
                case ColumnKind.Text:
                    layout.SetText(row, i, AsTrained(schema, CategoryText(column.Name, value)));
                    break;
                default:
                    layout.SetCategory(row, i, AsTrained(schema, CategoryText(column.Name, value)));
                    break;
            }
        }

        return row;
    }

    /// <summary>
    /// The missing feature, and what the request sent instead: a field that differs from it only in case or spaces
    /// (the usual cause), or else the fields the model does not know, so that a renamed column is seen at once.
    /// </summary>
    private static string Missing(DatasetSchema schema, string name, IReadOnlyDictionary<string, JsonElement> features)
    {
        if (features.Keys.FirstOrDefault(k => string.Equals(k.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } nearMiss)
        {
            return $"Feature '{name}' is missing; the request has '{Shown(nearMiss)}', but feature names are matched exactly, case and spaces included.";
        }

        var known = schema.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = features.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var others = unknown.Count == 0
            ? string.Empty
            : $" The request's fields that are not features of this model: {string.Join(", ", unknown.Take(MaxNamed).Select(k => $"'{Shown(k)}'"))}{(unknown.Count > MaxNamed ? $" and {unknown.Count - MaxNamed} more" : string.Empty)}.";
        return $"Feature '{name}' is missing; the model needs: {string.Join(", ", schema.Features.Select(f => f.Name))}.{others}";
    }

    private static string Shown(string field) => field.Length <= MaxNameLength ? field : string.Concat(field.AsSpan(0, MaxNameLength), "…");

    private static void SetNumber(FeatureLayout layout, FeatureRow row, int feature, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                layout.SetNumber(row, feature, null);
                return;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                layout.SetNumber(row, feature, number);
                return;
            case JsonValueKind.String when layout.TrySetNumber(row, feature, AsTrained(layout.Schema, value.GetString())):
                return;
            default:
                throw MlopsException.Invalid($"Feature '{name}' must be a number (or null when unknown); got {Describe(value)}.");
        }
    }

    private static void SetDate(FeatureLayout layout, FeatureRow row, int feature, string name, JsonElement value)
    {
        var raw = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => AsTrained(layout.Schema, value.GetString()),
            _ => throw MlopsException.Invalid($"Feature '{name}' must be a date string such as \"2026-11-27T12:00:00Z\" (or null when unknown); got {Describe(value)}."),
        };
        if (!layout.TrySetDate(row, feature, raw))
        {
            throw MlopsException.Invalid($"Feature '{name}' must be a date string such as \"2026-11-27T12:00:00Z\" (or null when unknown); got {Describe(value)}.");
        }
    }

    /// <summary>
    /// A string as the training file's reader saw it: a number written with its decimal comma becomes "1.5", a date
    /// written day first "2022-10-28", one of the file's own words for "no value" an empty (missing) value.
    /// </summary>
    private static string? AsTrained(DatasetSchema schema, string? text) =>
        text is null || schema.Dialect is not { RewritesCells: true } dialect ? text : dialect.Normalize(text);

    private static string? CategoryText(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),

        // A category written as 3 or true in JSON was the text "3" or "true" in the CSV.
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw MlopsException.Invalid($"Feature '{name}' is categorical or text and must be a string (or null when unknown); got {Describe(value)}."),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString())}\"",
        JsonValueKind.Number => $"{Shorten(value.GetRawText())}, which is out of range",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ValueKind.ToString(),
    };

    private static string Shorten(string? text) =>
        text is null ? string.Empty : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
