using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Mlops.DevHost.Functions;

/// <summary>
/// The Functions app's triggers, read from the same attributes the Functions SDK compiles into functions.metadata,
/// so the DevHost serves exactly what the app declares.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<HttpFunction> HttpFunctions(Assembly assembly) =>
        [.. Functions(assembly)
            .Select(f => (f.Type, f.Method, f.Name, Trigger: TriggerOf<HttpTriggerAttribute>(f.Method)))
            .Where(f => f.Trigger is not null)
            .Select(f => new HttpFunction(
                f.Name,
                f.Type,
                f.Method,
                f.Trigger!.Route ?? f.Name,
                [.. (f.Trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())]))];

    public static IReadOnlyList<BlobFunction> BlobFunctions(Assembly assembly) =>
        [.. Functions(assembly)
            .Select(f => (f.Type, f.Method, f.Name, Trigger: TriggerOf<BlobTriggerAttribute>(f.Method)))
            .Where(f => f.Trigger is not null)
            .Select(f => new BlobFunction(f.Name, f.Type, f.Method, f.Trigger!.BlobPath))];

    public static IReadOnlyList<TimerFunction> TimerFunctions(Assembly assembly) =>
        [.. Functions(assembly)
            .Select(f => (f.Type, f.Method, f.Name, Trigger: TriggerOf<TimerTriggerAttribute>(f.Method)))
            .Where(f => f.Trigger is not null)
            .Select(f => new TimerFunction(f.Name, f.Type, f.Method, f.Trigger!.Schedule))];

    public static IReadOnlyList<QueueFunction> QueueFunctions(Assembly assembly) =>
        [.. Functions(assembly)
            .Select(f => (f.Type, f.Method, f.Name, Trigger: TriggerOf<QueueTriggerAttribute>(f.Method)))
            .Where(f => f.Trigger is not null)
            .Select(f => new QueueFunction(f.Name, f.Type, f.Method, f.Trigger!.QueueName))];

    /// <summary>Classes that declare at least one [Function], to be created through dependency injection.</summary>
    public static IReadOnlyList<Type> FunctionClasses(Assembly assembly) => [.. Functions(assembly).Select(f => f.Type).Distinct()];

    private static IEnumerable<(Type Type, MethodInfo Method, string Name)> Functions(Assembly assembly) =>
        from type in assembly.GetTypes()
        where type.IsClass && !type.IsAbstract
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        select (type, method, function.Name);

    private static T? TriggerOf<T>(MethodInfo method)
        where T : Attribute =>
        method.GetParameters().Select(p => p.GetCustomAttribute<T>()).FirstOrDefault(a => a is not null);
}
