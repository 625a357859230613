namespace Mlops.Core.Runs;

/// <summary>Where run journals live (the RunHistory table).</summary>
public interface IRunJournalStore
{
    /// <summary>The run's journal; an empty one when nothing was ever recorded.</summary>
    Task<RunJournal> GetAsync(string model, string runId, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="activity"/> of the run is alive at <paramref name="at"/>.</summary>
    Task BeatAsync(string model, string runId, string activity, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Appends a restart; concurrent writers are serialized, so two restarts never share an attempt number.</summary>
    Task<RunJournal> AddRestartAsync(string model, string runId, Func<RunJournal, RunRestart> restart, CancellationToken cancellationToken);

    /// <summary>Records why the run was stopped for good.</summary>
    Task StopAsync(string model, string runId, string reason, CancellationToken cancellationToken);
}
