namespace Mlops.Workflows.Contracts;

/// <summary>The stable values of <see cref="RunTrigger.Kind"/> (ARCHITECTURE.md, v1 additions).</summary>
public static class RunTriggerKinds
{
    public const string Upload = "upload";
    public const string Blob = "blob";
    public const string Manual = "manual";
    public const string Drift = "drift";
    public const string Decay = "decay";
    public const string Schedule = "schedule";
}
