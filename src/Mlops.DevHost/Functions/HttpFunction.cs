using System.Reflection;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Mlops.DevHost.Functions;

/// <summary>An HTTP-triggered function: its route below /api and its methods, upper case.</summary>
public sealed record HttpFunction(string Name, Type Type, MethodInfo Method, string Route, IReadOnlyList<string> Methods)
{
    /// <summary>The action its results execute under: one per function, as a new one draws a random id each time.</summary>
    public ActionDescriptor Descriptor { get; } = new() { DisplayName = Name };
}
