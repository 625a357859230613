using System.Text.Json;

namespace Mlops.Cli.Api;

/// <summary>An answer of the API: the typed value the command line renders, and the JSON as it came for <c>--json</c>.</summary>
public sealed record ApiResponse<T>(T Value, JsonElement Json, int Status);
