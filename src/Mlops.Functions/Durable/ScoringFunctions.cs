using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mlops.Workflows.Scoring;

namespace Mlops.Functions.Durable;

/// <summary>The batch scoring orchestration and its activities, handed to the Workflows classes the DevHost runs unchanged.</summary>
public sealed class ScoringFunctions(PlanScoring plan, ScoreChunk score, PublishScoring publish)
{
    [Function(nameof(BatchScoring))]
    public Task<ScoringResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ScoringRequest>()
            ?? throw new InvalidOperationException("The batch scoring job was started without a ScoringRequest.");
        return new BatchScoring().RunAsync(context, input);
    }

    [Function(nameof(PlanScoring))]
    public Task<ScoringPlan> Plan([ActivityTrigger] PlanScoringInput input, FunctionContext context) =>
        plan.RunAsync(FunctionActivityContext.From(nameof(PlanScoring), context), input);

    [Function(nameof(ScoreChunk))]
    public Task<ChunkResult> Score([ActivityTrigger] ScoreChunkInput input, FunctionContext context) =>
        score.RunAsync(FunctionActivityContext.From(nameof(ScoreChunk), context), input);

    [Function(nameof(PublishScoring))]
    public Task<ScoringOutputs> Publish([ActivityTrigger] PublishScoringInput input, FunctionContext context) =>
        publish.RunAsync(FunctionActivityContext.From(nameof(PublishScoring), context), input);
}
