namespace Mlops.Core.Monitoring;

/// <summary>Whether the model as a whole has drifted after a window, and why.</summary>
/// <param name="Detected">True when enough features, or the prediction, have declared drift.</param>
/// <param name="DriftedFeatures">The features whose drift is declared, in the order given.</param>
/// <param name="DriftedShare">Their share of the features monitored.</param>
/// <param name="PredictionDrifted">True when the prediction's own drift is declared.</param>
public sealed record ModelDriftVerdict(bool Detected, IReadOnlyList<string> DriftedFeatures, double DriftedShare, bool PredictionDrifted)
{
    /// <summary>
    /// The model drifts when at least <paramref name="driftedFeatureShare"/> of its features have declared drift, or
    /// its prediction has: a single drifting feature among many rarely moves the model, while a moved prediction
    /// distribution means the inputs that matter have changed, whichever they are.
    /// </summary>
    public static ModelDriftVerdict Judge(IReadOnlyList<DriftStreak> features, DriftStreak? prediction, double driftedFeatureShare)
    {
        ArgumentNullException.ThrowIfNull(features);
        var drifted = features.Where(f => f.Declared).Select(f => f.Feature).ToList();
        var share = features.Count == 0 ? 0 : (double)drifted.Count / features.Count;
        var predictionDrifted = prediction?.Declared ?? false;
        return new ModelDriftVerdict((drifted.Count > 0 && share >= driftedFeatureShare) || predictionDrifted, drifted, share, predictionDrifted);
    }
}
