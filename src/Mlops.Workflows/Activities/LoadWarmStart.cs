using Microsoft.DurableTask;
using Mlops.Core.Training.Search;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Finds the configurations a new run of an existing model starts its search from (the champion's and its search's
/// best). In an activity because it reads the registry and the champion's search record, which an orchestrator must
/// not; Durable records the answer, so a replay plans from the same warm start even after the champion has moved.
/// Null when warm starts are off or the model has no champion yet.
/// </summary>
public sealed class LoadWarmStart(WarmStartSource source) : TaskActivity<LoadWarmStartInput, WarmStart?>
{
    public override Task<WarmStart?> RunAsync(TaskActivityContext context, LoadWarmStartInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return source.LoadAsync(input.Model, CancellationToken.None);
    }
}
