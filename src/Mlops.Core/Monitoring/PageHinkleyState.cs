namespace Mlops.Core.Monitoring;

/// <summary>
/// Where <see cref="PageHinkley"/> stands: stored between windows so late labels continue the same stream. After an
/// alarm the retraining loop acts and starts again from <see cref="Start"/>, since the old mean no longer describes
/// the new champion.
/// </summary>
/// <param name="Count">Errors observed since the start.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="Sum">The cumulative excess of each error over the running mean plus delta.</param>
/// <param name="Minimum">The lowest <paramref name="Sum"/> so far (0 at the start).</param>
/// <param name="Detected">True once the sum rose more than lambda above its minimum; the state then stays put.</param>
public sealed record PageHinkleyState(long Count, double Mean, double Sum, double Minimum, bool Detected)
{
    public static PageHinkleyState Start { get; } = new(0, 0, 0, 0, false);
}
