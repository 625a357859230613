using System.Reflection;

namespace Mlops.DevHost.Functions;

/// <summary>A timer-triggered function and its NCRONTAB schedule.</summary>
public sealed record TimerFunction(string Name, Type Type, MethodInfo Method, string Schedule);
