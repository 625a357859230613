using System.Text.Json;

namespace Mlops.Core.Serving;

/// <summary>One row to score, as the caller sent it.</summary>
public sealed record PredictionInput(IReadOnlyDictionary<string, JsonElement> Features, string? EntityId);
