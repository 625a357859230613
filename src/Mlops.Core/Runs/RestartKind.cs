namespace Mlops.Core.Runs;

/// <summary>Who restarted a run.</summary>
public enum RestartKind
{
    /// <summary>A person, through POST /api/runs/{runId}/restart.</summary>
    Manual,

    /// <summary>The watchdog, after the run made no progress for the stall bound.</summary>
    Automatic,
}
