using System.Reflection;

namespace Mlops.DevHost.Functions;

/// <summary>A queue-triggered function and the queue it reads.</summary>
public sealed record QueueFunction(string Name, Type Type, MethodInfo Method, string QueueName);
