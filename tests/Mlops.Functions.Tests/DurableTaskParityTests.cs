using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Mlops.Workflows;

namespace Mlops.Functions.Tests;

/// <summary>The Functions app wraps exactly the Durable tasks the DevHost's worker registers, under the same names.</summary>
public sealed class DurableTaskParityTests
{
    private static readonly Assembly FunctionsAssembly = typeof(FunctionsServiceCollectionExtensions).Assembly;

    [Fact]
    public void EveryActivity_HasOneFunctionsWrapper_AndNoWrapperIsExtra() =>
        Assert.Equal(Names(WorkflowRegistration.Activities), Wrapped<ActivityTriggerAttribute>());

    [Fact]
    public void EveryOrchestrator_HasOneFunctionsWrapper_AndNoWrapperIsExtra() =>
        Assert.Equal(Names(WorkflowRegistration.Orchestrators), Wrapped<OrchestrationTriggerAttribute>());

    private static string[] Names(IEnumerable<Type> types) => [.. types.Select(t => t.Name).Order(StringComparer.Ordinal)];

    private static string[] Wrapped<TTrigger>()
        where TTrigger : Attribute =>
        [.. FunctionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)
            .Order(StringComparer.Ordinal)];
}
