using System.Globalization;
using System.Text.Json;
using Mlops.Core.Errors;
using Mlops.Core.Serving;

namespace Mlops.Functions.Http;

/// <summary>
/// Reads a predict body: one row {"features":{...},"entityId":"..."} or a batch {"instances":[...]} whose items
/// are either that shape or a bare feature object. The inputs' features are views into the request's document, not
/// copies: use them before it is disposed.
/// </summary>
public static class PredictRequestReader
{
    public static (IReadOnlyList<PredictionInput> Inputs, bool IsBatch) Read(JsonElement root, int maxBatchSize)
    {
        if (root.TryGetProperty("instances", out var instances))
        {
            if (instances.ValueKind != JsonValueKind.Array)
            {
                throw MlopsException.Invalid("Field 'instances' must be an array of rows.");
            }

            var count = instances.GetArrayLength();
            if (count == 0 || count > maxBatchSize)
            {
                throw MlopsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Field 'instances' must hold 1 to {maxBatchSize} rows; it holds {count}."));
            }

            return ([.. instances.EnumerateArray().Select((row, i) => ReadRow(row, i))], true);
        }

        if (!root.TryGetProperty("features", out _))
        {
            throw MlopsException.Invalid("The body needs 'features' (one row) or 'instances' (a batch).");
        }

        return ([ReadRow(root, null)], false);
    }

    private static PredictionInput ReadRow(JsonElement row, int? index)
    {
        var where = index is { } i ? string.Create(CultureInfo.InvariantCulture, $"Instance {i}: ") : string.Empty;
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw MlopsException.Invalid($"{where}a row must be a JSON object.");
        }

        var features = row;
        string? entityId = null;
        if (row.TryGetProperty("features", out var nested))
        {
            if (nested.ValueKind != JsonValueKind.Object)
            {
                throw MlopsException.Invalid($"{where}'features' must be an object of feature name to value.");
            }

            features = nested;
            if (row.TryGetProperty("entityId", out var entity) && entity.ValueKind != JsonValueKind.Null)
            {
                entityId = entity.ValueKind == JsonValueKind.String
                    ? entity.GetString()
                    : throw MlopsException.Invalid($"{where}'entityId' must be a string.");
            }
        }

        // The elements stay views into the request's document, which outlives the prediction: no copy per feature.
        var values = new Dictionary<string, JsonElement>(features.GetPropertyCount(), StringComparer.Ordinal);
        foreach (var property in features.EnumerateObject())
        {
            values[property.Name] = property.Value;
        }

        return new PredictionInput(values, entityId) { FeaturesJson = features.GetRawText() };
    }
}
