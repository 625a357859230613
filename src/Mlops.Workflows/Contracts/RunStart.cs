namespace Mlops.Workflows.Contracts;

/// <param name="RunId">The run for the dataset's content.</param>
/// <param name="Started">False when that run already existed and nothing new was started.</param>
public sealed record RunStart(string RunId, bool Started);
