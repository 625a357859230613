namespace Mlops.Workflows.Contracts;

public enum RunStatus
{
    Pending,
    Running,
    Completed,
    Quarantined,
    Failed,
}
