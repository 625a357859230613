namespace Mlops.Core.Monitoring;

/// <summary>Why a detection became an alert rather than a retraining run: what an operator acts on differs for each.</summary>
public static class AlertCauses
{
    /// <summary>The month's retraining budget is spent: raise it or retrain by hand.</summary>
    public const string Budget = "budget";

    /// <summary>The model was retrained too recently: the next window may retrain it.</summary>
    public const string Cooldown = "cooldown";

    /// <summary>No prediction since the champion was trained has a label: send feedback, or upload data.</summary>
    public const string NothingNew = "nothing-new";

    /// <summary>The host that closed the window cannot start runs.</summary>
    public const string NoRuns = "no-runs";

    /// <summary>The retraining run could not be started (its data could not be built or the run not scheduled): the alert says why.</summary>
    public const string StartFailed = "start-failed";
}
