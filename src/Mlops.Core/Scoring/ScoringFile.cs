namespace Mlops.Core.Scoring;

/// <summary>A file in the scoring container as the store describes it: "{Model}/{File}", its ETag and size.</summary>
public sealed record ScoringFile(string Model, string File, string ETag, long Length)
{
    /// <summary>
    /// True when the file came in through the scoring route's upload, which starts its own job with the caller's
    /// version and logging: the blob trigger leaves such a file alone, so a drop's default job cannot take its place.
    /// </summary>
    public bool Uploaded { get; init; }
}
