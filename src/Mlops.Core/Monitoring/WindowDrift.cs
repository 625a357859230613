namespace Mlops.Core.Monitoring;

/// <summary>A window's drift: each feature's statistics and streak, the prediction's, and the model's verdict.</summary>
public sealed record WindowDrift(bool Detected, IReadOnlyList<FeatureDriftView> Features, FeatureDriftView? Prediction);
