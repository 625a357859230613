using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Mlops.DevHost.Functions;

/// <summary>
/// Calls a function method the way the Functions host would: the class from dependency injection, each parameter
/// from the trigger. Unknown parameter kinds fail at start-up, not on the first request. The reflection (the class's
/// constructor, the method, its parameters) is resolved once per method, so a request pays for the function, not for
/// the DevHost's plumbing.
/// </summary>
public static class FunctionInvoker
{
    private static readonly ConcurrentDictionary<MethodInfo, Compiled> Methods = new();

    /// <summary>Checks that every parameter of <paramref name="method"/> is one the DevHost can supply.</summary>
    public static void EnsureBindable(MethodInfo method, Func<ParameterInfo, bool> suppliedByTrigger)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(suppliedByTrigger);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType != typeof(CancellationToken) && parameter.ParameterType != typeof(DurableTaskClient) && !suppliedByTrigger(parameter))
            {
                throw new InvalidOperationException(
                    $"The DevHost cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of {method.DeclaringType?.Name}.{method.Name}.");
            }
        }
    }

    public static async Task<object?> InvokeAsync(
        IServiceProvider services,
        Type type,
        MethodInfo method,
        Func<ParameterInfo, object?> fromTrigger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(fromTrigger);
        var compiled = Methods.GetOrAdd(method, m => Compiled.For(type, m));
        var target = compiled.Create is null ? null : services.GetService(type) ?? compiled.Create(services, []);
        var arguments = new object?[compiled.Parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = compiled.Parameters[i];
            arguments[i] = parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
                : parameter.ParameterType == typeof(DurableTaskClient) ? services.GetRequiredService<DurableTaskClient>()
                : fromTrigger(parameter);
        }

        var result = compiled.Invoker.Invoke(target, arguments.AsSpan());
        switch (result)
        {
            case Task<IActionResult> action:
                return await action;
            case Task task:
                await task;
                return compiled.Result?.GetValue(task);
            default:
                return result;
        }
    }

    /// <summary>A function method with its reflection resolved: constructor factory, fast invoker, parameters.</summary>
    private sealed record Compiled(ObjectFactory? Create, MethodInvoker Invoker, ParameterInfo[] Parameters, PropertyInfo? Result)
    {
        public static Compiled For(Type type, MethodInfo method) => new(
            method.IsStatic ? null : ActivatorUtilities.CreateFactory(type, Type.EmptyTypes),
            MethodInvoker.Create(method),
            method.GetParameters(),
            method.ReturnType.IsGenericType && typeof(Task).IsAssignableFrom(method.ReturnType) ? method.ReturnType.GetProperty(nameof(Task<object>.Result)) : null);
    }
}
