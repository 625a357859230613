using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mlops.Workflows;
using Mlops.Workflows.Contracts;

namespace Mlops.Functions.Durable;

/// <summary>Hands the orchestration trigger to the Workflows orchestrator, which the DevHost runs unchanged.</summary>
public sealed class TrainingPipelineFunction
{
    [Function(nameof(TrainingPipeline))]
    public Task<RunResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<RunRequest>()
            ?? throw new InvalidOperationException("The training pipeline was started without a RunRequest.");
        return new TrainingPipeline().RunAsync(context, input);
    }
}
