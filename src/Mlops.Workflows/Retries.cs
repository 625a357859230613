using Microsoft.DurableTask;
using Mlops.Core.Errors;

namespace Mlops.Workflows;

/// <summary>The pipeline's retry policies, and which failures are worth a retry at all.</summary>
public static class Retries
{
    /// <summary>
    /// Activities are idempotent, so infrastructure faults are retried before the run gives up: waits of 5, 10, 20, 40
    /// and 60 s ride out a storage outage of over two minutes (the drill stops storage for 30 s mid-run).
    /// </summary>
    public static TaskOptions Activities { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(60))
    {
        HandleFailure = CanSucceedOnRetry,
    });

    /// <summary>
    /// A trial that cannot be fitted returns a failed result rather than throwing, so what throws is the host's or
    /// storage's fault: waits of 5, 10, 20 and 40 s keep a short outage from turning good trials into failed ones.
    /// </summary>
    public static TaskOptions Trials { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(60))
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
