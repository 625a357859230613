using Microsoft.DurableTask;

namespace Mlops.Functions.Durable;

/// <summary>Gives a Workflows activity the context it expects when the Functions host, not a Durable worker, invokes it.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;
}
