using System.Reflection;

namespace Mlops.DevHost.Functions;

/// <summary>An HTTP-triggered function: its route below /api and its methods, upper case.</summary>
public sealed record HttpFunction(string Name, Type Type, MethodInfo Method, string Route, IReadOnlyList<string> Methods);
