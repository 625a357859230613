using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;

namespace Mlops.Core.Tests.Serving;

/// <summary>Builds predict-request features as a client would send them.</summary>
internal static class FeatureJson
{
    /// <summary>A CSV row as JSON: numbers as numbers, categories as strings, missing cells as null.</summary>
    public static Dictionary<string, JsonElement> FromRow(CsvDataset data, DatasetSchema schema, string[] row)
    {
        var features = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var column in schema.Features)
        {
            var raw = row[data.IndexOf(column.Name)];
            features[column.Name] = MissingValues.IsMissing(raw) ? Parse("null")
                : column.Kind == ColumnKind.Numeric ? Parse(double.Parse(raw, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture))
                : JsonSerializer.SerializeToElement(raw);
        }

        return features;
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static Dictionary<string, JsonElement> With(this Dictionary<string, JsonElement> features, string name, string json) =>
        new(features, StringComparer.Ordinal) { [name] = Parse(json) };
}
