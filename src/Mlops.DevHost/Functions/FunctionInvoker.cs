using System.Reflection;
using Microsoft.DurableTask.Client;

namespace Mlops.DevHost.Functions;

/// <summary>
/// Calls a function method the way the Functions host would: the class from dependency injection, each parameter
/// from the trigger. Unknown parameter kinds fail at start-up, not on the first request.
/// </summary>
public static class FunctionInvoker
{
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
        var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, type);
        var arguments = method.GetParameters().Select(p =>
            p.ParameterType == typeof(CancellationToken) ? cancellationToken
            : p.ParameterType == typeof(DurableTaskClient) ? services.GetRequiredService<DurableTaskClient>()
            : fromTrigger(p)).ToArray();

        var result = method.Invoke(target, arguments);
        if (result is Task task)
        {
            await task;
            var resultProperty = task.GetType().GetProperty(nameof(Task<object>.Result));
            return method.ReturnType.IsGenericType ? resultProperty?.GetValue(task) : null;
        }

        return result;
    }
}
