namespace Mlops.Functions.Http.Contracts;

/// <summary>A parameter whose value differs between two versions; null where a version lacks it.</summary>
public sealed record ParameterDifference(string? A, string? B);
