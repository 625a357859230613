namespace Mlops.Cli.Commands;

/// <summary>What <c>mlops score</c> was asked to do, checked.</summary>
public sealed record ScoreArguments(string Model, string File, int? Version, bool LogPredictions, bool Watch, FileInfo? Out, TimeSpan Interval);
