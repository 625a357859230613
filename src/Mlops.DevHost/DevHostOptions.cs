using System.ComponentModel.DataAnnotations;

namespace Mlops.DevHost;

/// <summary>Settings of the local host only; the Functions app never reads them.</summary>
public sealed class DevHostOptions
{
    public const string Section = "DevHost";

    /// <summary>Where the HTTP API listens: the Functions host's own default address.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The Durable sidecar's gRPC port on 127.0.0.1; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int SidecarPort { get; set; }

    /// <summary>The Durable task hub; host.json names the same hub for the Functions host.</summary>
    [Required]
    public string TaskHub { get; set; } = "MlopsHub";

    /// <summary>Start Azurite from the repository's npm package when nothing listens on the storage ports.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Where a DevHost-started Azurite keeps its data, under the repository root.</summary>
    [Required]
    public string AzuriteLocation { get; set; } = ".azurite";

    /// <summary>How often the datasets container is scanned for new uploads (the local blob trigger).</summary>
    [Range(100, 600_000)]
    public int WatchIntervalMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How long a dequeued activity stays invisible to other workers. After a crash the interrupted activity runs
    /// again once this passes; Azure's 5-minute default is too slow for a developer's loop.
    /// </summary>
    [Range(5, 3600)]
    public int WorkItemVisibilitySeconds { get; set; } = 60;

    /// <summary>How long a dead host's partition leases block a restarted one.</summary>
    [Range(5, 600)]
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>Activities run at once; the machine has two cores and training uses them.</summary>
    [Range(1, 64)]
    public int MaxConcurrentActivities { get; set; } = 2;

    /// <summary>
    /// Schedules (NCRONTAB) that replace a timer function's own in this host only, keyed by function name: drills and
    /// tests shorten them. Azure always runs the schedule the function declares.
    /// </summary>
    public Dictionary<string, string> TimerSchedules { get; } = new(StringComparer.Ordinal);

    /// <summary>Run the timer functions on their schedules; a test host that drives timers itself turns them off.</summary>
    public bool RunTimers { get; set; } = true;

    /// <summary>
    /// The longest wait between polls of an empty queue (the local queue trigger backs off from 100 ms up to it, as the
    /// Functions host does up to its maxPollingInterval).
    /// </summary>
    [Range(100, 60_000)]
    public int QueueMaxPollMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How long a graceful stop may take: long enough for the prediction log's buffer to be written (the generic host's
    /// 30-second default can cut a full buffer short).
    /// </summary>
    [Range(5, 3600)]
    public int ShutdownSeconds { get; set; } = 120;
}
