namespace Mlops.Workflows.Scoring;

/// <summary>What a scoring job scores: a file of the scoring container, as it was when the job started, with one version.</summary>
/// <param name="Model">The model.</param>
/// <param name="File">The file name under "scoring/{model}/".</param>
/// <param name="ETag">The file's ETag when the job started: the job reads only that content.</param>
/// <param name="Version">The model version that scores every row (the champion's when the job started, unless named).</param>
public sealed record ScoringRequest(string Model, string File, string ETag, int Version)
{
    /// <summary>Whether each scored row is also logged as an online prediction (off: a batch is not live traffic).</summary>
    public bool LogPredictions { get; init; }

    /// <summary>How the job started: "blob" or "manual".</summary>
    public string Trigger { get; init; } = "manual";

    /// <summary>The <see cref="ScoringVersions"/> logic the job started under.</summary>
    public int ScoringVersion { get; init; } = ScoringVersions.Current;
}
