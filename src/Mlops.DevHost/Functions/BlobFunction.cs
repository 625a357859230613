using System.Reflection;

namespace Mlops.DevHost.Functions;

/// <summary>A blob-triggered function and its path pattern, e.g. "datasets/{model}/{name}".</summary>
public sealed record BlobFunction(string Name, Type Type, MethodInfo Method, string PathPattern);
