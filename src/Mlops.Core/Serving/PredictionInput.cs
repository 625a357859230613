using System.Text.Json;

namespace Mlops.Core.Serving;

/// <summary>One row to score, as the caller sent it.</summary>
public sealed record PredictionInput(IReadOnlyDictionary<string, JsonElement> Features, string? EntityId)
{
    /// <summary>The features object's JSON as sent, logged as is; null when the row was not read from JSON text.</summary>
    public string? FeaturesJson { get; init; }
}
