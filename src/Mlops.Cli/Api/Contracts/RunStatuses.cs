namespace Mlops.Cli.Api.Contracts;

/// <summary>A run's status as GET /api/runs/{runId} names it.</summary>
public static class RunStatuses
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Quarantined = "Quarantined";
    public const string Failed = "Failed";

    public static bool IsFinished(string? status) => status is Completed or Quarantined or Failed;
}
