namespace Mlops.Core.Monitoring;

/// <summary>
/// A feature's run of drifting windows, stored between windows: drift is declared once the feature drifts in
/// <c>k</c> consecutive judged windows, so one odd window (a holiday, a batch job) raises nothing.
/// </summary>
/// <remarks>
/// An insufficient window neither counts nor resets the run: it carries no evidence either way, and letting a quiet
/// night reset the run would let a feature that drifts every busy day never be declared; letting it count would
/// declare drift on windows nobody judged. A judged window that does not drift resets the run (and the declaration).
/// </remarks>
/// <param name="Feature">The feature's (or the prediction's) name.</param>
/// <param name="Consecutive">Judged windows in a row, up to the latest judged one, in which it drifted.</param>
/// <param name="Declared">True while the run is at least <c>k</c> long.</param>
public sealed record DriftStreak(string Feature, int Consecutive, bool Declared)
{
    public static DriftStreak Start(string feature) => new(feature, 0, false);

    /// <summary>True on the window that made the run exactly <c>k</c> long: the one to act on.</summary>
    public bool JustDeclared { get; init; }

    /// <summary>The run after <paramref name="window"/>, drift declared at <paramref name="k"/> consecutive drifting windows.</summary>
    public DriftStreak After(FeatureDrift window, int k)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (window.Status == WindowStatus.Insufficient)
        {
            return this with { JustDeclared = false };
        }

        var consecutive = window.Drifted ? Consecutive + 1 : 0;
        return new DriftStreak(Feature, consecutive, consecutive >= k) { JustDeclared = consecutive == k };
    }
}
