using Microsoft.DurableTask;

namespace Mlops.Workflows.Experiments;

/// <summary>
/// An experiment's life: a look, then a durable timer until the next, until a look ends it. Each iteration continues
/// as new, so the history stays one look long however long the experiment runs.
/// </summary>
public sealed class ExperimentMonitor : TaskOrchestrator<ExperimentRef, string>
{
    private const int RetryAfterFailureSeconds = 300;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ExperimentRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ExperimentStep step;
        try
        {
            step = await context.CallActivityAsync<ExperimentStep>(nameof(LookAtExperiment), input, Retries.Activities);
        }
        catch (TaskFailedException failure)
        {
            // An experiment must never stall with its traffic split: a look that keeps failing is tried again later.
            WorkflowLog.ExperimentLookFailed(context.CreateReplaySafeLogger<ExperimentMonitor>(), input.Id, failure.FailureDetails.ErrorMessage);
            step = new ExperimentStep(false, RetryAfterFailureSeconds, "look failed");
        }

        if (step.Done)
        {
            return step.Status;
        }

        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(step.WaitSeconds), CancellationToken.None);
        context.ContinueAsNew(input);
        return step.Status;
    }
}
