namespace Mlops.Core.Monitoring;

/// <summary>
/// What a model's monitoring carries from one window to the next: where the last window ended, each feature's drift
/// streak, the prediction's, and the change detector's running state, all for one champion version (a new champion
/// starts afresh: its contract is another reference).
/// </summary>
public sealed record MonitoringState(string Model, int Version, DateTimeOffset LastWindowEnd)
{
    public IReadOnlyList<DriftStreak> Streaks { get; init; } = [];

    public DriftStreak? PredictionStreak { get; init; }

    public PageHinkleyState Detector { get; init; } = PageHinkleyState.Start;

    public int Windows { get; init; }

    /// <summary>Whether the last window with a decay reading found decay: a detection is reported when it starts, not every window it lasts.</summary>
    public bool Decaying { get; init; }

    /// <summary>When monitoring last started a retraining run (the cool-down counts from it).</summary>
    public DateTimeOffset? LastRetrainAt { get; init; }

    /// <summary>The month (yyyy-MM, UTC) <see cref="RetrainsThisMonth"/> counts.</summary>
    public string? RetrainMonth { get; init; }

    /// <summary>Retraining runs started in <see cref="RetrainMonth"/>, against the spec's monthly budget.</summary>
    public int RetrainsThisMonth { get; init; }

    /// <summary>Windows closed with actions not yet recorded as done (see <see cref="UnfinishedWindow"/>).</summary>
    public IReadOnlyList<UnfinishedWindow> Unfinished { get; init; } = [];
}
