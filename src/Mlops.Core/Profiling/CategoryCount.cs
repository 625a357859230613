namespace Mlops.Core.Profiling;

/// <summary>A value of a column and how many rows hold it (a lower bound when the profile says it is approximate).</summary>
public sealed record CategoryCount(string Value, long Count);
