namespace Mlops.Core.Monitoring;

/// <summary>Why monitoring retrains: the run's trigger kind.</summary>
public static class RetrainKinds
{
    public const string Drift = "drift";

    public const string Decay = "decay";

    public const string Schedule = "schedule";
}
