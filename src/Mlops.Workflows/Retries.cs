using Microsoft.DurableTask;
using Mlops.Core.Errors;

namespace Mlops.Workflows;

/// <summary>The pipeline's retry policies, and which failures are worth a retry at all.</summary>
public static class Retries
{
    /// <summary>Activities are idempotent, so infrastructure faults are retried before the run gives up.</summary>
    public static TaskOptions Activities { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2)
    {
        HandleFailure = CanSucceedOnRetry,
    });

    /// <summary>Trials write nothing and a trial failing is an outcome, so one retry covers a storage hiccup.</summary>
    public static TaskOptions Trials { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 2,
        firstRetryInterval: TimeSpan.FromSeconds(5))
    {
        HandleFailure = CanSucceedOnRetry,
    });

    /// <summary>
    /// False for failures that say the input is wrong (a dataset that changed or vanished, a rule broken, a bug's
    /// argument check): the same input fails the same way, so retrying only delays the run's honest answer.
    /// </summary>
    public static bool CanSucceedOnRetry(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return !failure.IsCausedBy<MlopsException>()
            && !failure.IsCausedBy<ArgumentException>()
            && !failure.IsCausedBy<NotSupportedException>()
            && !failure.IsCausedBy<FormatException>();
    }
}
