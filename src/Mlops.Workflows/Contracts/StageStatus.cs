namespace Mlops.Workflows.Contracts;

public enum StageStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Skipped,
}
