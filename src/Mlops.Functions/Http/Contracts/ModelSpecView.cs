using System.Text.Json;

namespace Mlops.Functions.Http.Contracts;

/// <summary>A model's spec as stored in datasets/{model}/mlops.json.</summary>
public sealed record ModelSpecView(string Model, JsonElement Spec);
