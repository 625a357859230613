using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mlops.Workflows.Experiments;

namespace Mlops.Functions.Durable;

/// <summary>The experiment orchestration and its look activity, handed to the Workflows classes the DevHost runs unchanged.</summary>
public sealed class ExperimentFunctions(LookAtExperiment look)
{
    [Function(nameof(ExperimentMonitor))]
    public Task<string> Monitor([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ExperimentRef>()
            ?? throw new InvalidOperationException("The experiment monitor was started without an ExperimentRef.");
        return new ExperimentMonitor().RunAsync(context, input);
    }

    [Function(nameof(LookAtExperiment))]
    public Task<ExperimentStep> Look([ActivityTrigger] ExperimentRef input, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return look.RunAsync(FunctionActivityContext.From(nameof(LookAtExperiment), context), input);
    }
}
