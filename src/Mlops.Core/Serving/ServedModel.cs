namespace Mlops.Core.Serving;

/// <summary>A loaded model version and the variant it answers as.</summary>
public sealed record ServedModel(string Model, int Version, string Variant, ModelPredictor Predictor);
