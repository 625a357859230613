using System.Globalization;
using Microsoft.Extensions.Options;

namespace Mlops.Core.Runs;

/// <summary>Decides whether a running run has stalled: no orchestration update and no activity heartbeat within the bound.</summary>
public sealed class StallDetector(IOptions<RecoveryOptions> options)
{
    public TimeSpan Bound => TimeSpan.FromSeconds(options.Value.StallSeconds);

    /// <summary>Why the run is stalled, or null when it showed life within the bound.</summary>
    /// <param name="lastUpdate">The orchestration's last recorded change (its history's last checkpoint).</param>
    public string? Judge(DateTimeOffset lastUpdate, RunJournal journal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var lastLife = journal.LastHeartbeat is { } beat && beat > lastUpdate ? beat : lastUpdate;
        var quiet = now - lastLife;
        if (quiet < Bound)
        {
            return null;
        }

        var heartbeat = journal.LastHeartbeat is { } last
            ? string.Create(CultureInfo.InvariantCulture, $"the last activity heartbeat ({journal.HeartbeatActivity}) at {last:u}")
            : "no activity heartbeat";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"No progress for {Minutes(quiet)} (bound {Minutes(Bound)}): the orchestration last changed at {lastUpdate:u}, {heartbeat}.");
    }

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s");
}
