namespace Mlops.Core.Scoring;

/// <summary>A file in the scoring container as the store describes it: "{Model}/{File}", its ETag and size.</summary>
public sealed record ScoringFile(string Model, string File, string ETag, long Length);
