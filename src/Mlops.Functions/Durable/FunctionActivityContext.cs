using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Mlops.Functions.Durable;

/// <summary>Gives a Workflows activity the context it expects when the Functions host, not a Durable worker, invokes it.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;

    /// <summary>The context of activity <paramref name="name"/> from the trigger's binding data (its orchestration's instance id).</summary>
    public static FunctionActivityContext From(string name, FunctionContext context) =>
        new(name, context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty);
}
