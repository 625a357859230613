using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Serving;

namespace Mlops.Core.Monitoring;

/// <summary>
/// A logged prediction with its features parsed once, read as serving read them, so that a window is compared with the
/// training data in the training data's terms.
/// </summary>
internal sealed class SampledRow
{
    private readonly Dictionary<string, JsonElement> features;

    private SampledRow(PredictionRecord prediction, Dictionary<string, JsonElement> features)
    {
        Prediction = prediction;
        this.features = features;
    }

    public PredictionRecord Prediction { get; }

    public static SampledRow From(PredictionRecord prediction)
    {
        Dictionary<string, JsonElement> parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(prediction.FeaturesJson, MlopsJson.Options) ?? [];
        }
        catch (JsonException)
        {
            parsed = [];
        }

        return new SampledRow(prediction with { FeaturesJson = string.Empty }, parsed);
    }

    /// <summary>
    /// The number as serving read it: a string in the training file's dialect ("1.500,5" under a decimal comma is
    /// 1500.5, not 1.5).
    /// </summary>
    public double? Number(string name, CsvDialect? dialect) => features.TryGetValue(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => number,
        JsonValueKind.String when value.GetString() is { } text
            && CsvValues.TryParseNumber(dialect is { RewritesCells: true } ? dialect.Normalize(text) : text, out var number)
            && double.IsFinite(number) => number,
        _ => null,
    } : null;

    /// <summary>
    /// The value as serving read it: a yes/no column's true or "yes" counts as the training file's spelling, and a
    /// string as the training file's reader saw it (<see cref="CsvDialect.Normalize"/>).
    /// </summary>
    public string? Text(ColumnSchema feature, CsvDialect? dialect = null)
    {
        var text = features.TryGetValue(feature.Name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { } raw && (dialect is { RewritesCells: true } ? dialect.Normalize(raw) : raw) is var read && !MissingValues.IsMissing(read) ? read.Trim() : null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        } : null;
        return text is not null && feature.Boolean is { } spelling ? spelling.Spell(text) : text;
    }
}
