namespace Mlops.Core.Experiments;

/// <summary>An experiment's status (ARCHITECTURE.md, v1 additions).</summary>
public static class ExperimentStatuses
{
    public const string Running = "Running";
    public const string AwaitingApproval = "AwaitingApproval";
    public const string Promoted = "Promoted";
    public const string RolledBack = "RolledBack";
    public const string Inconclusive = "Inconclusive";
    public const string Stopped = "Stopped";

    /// <summary>Whether the experiment still holds the model's one experiment slot (traffic may still reach the challenger).</summary>
    public static bool IsOpen(string status) => status is Running or AwaitingApproval;
}
