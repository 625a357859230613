namespace Mlops.Workflows;

/// <summary>Tells a trial's own failure (the configuration cannot be fitted) from a fault of the host running it.</summary>
public static class HostFaults
{
    /// <summary>
    /// True when <paramref name="error"/> belongs to the trial and may be recorded as a failed trial. Running out of
    /// memory or stack, or being cancelled, says nothing about the configuration: those propagate, so Durable retries
    /// the activity (on another instance in Azure) instead of recording a good configuration as a failure.
    /// </summary>
    public static bool IsTrialOutcome(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OutOfMemoryException or InsufficientExecutionStackException or OperationCanceledException)
            {
                return false;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(inner => !IsTrialOutcome(inner)))
            {
                return false;
            }
        }

        return true;
    }
}
