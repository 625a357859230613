namespace Mlops.Core.Scoring;

/// <summary>
/// A job whose scored rows are also logged as predictions: each row gets <see cref="Serving.PredictionIds.ForRow"/>'s id
/// (written in the scored file's last column, for feedback) and is logged at the job's start.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Model">The model scored.</param>
/// <param name="At">When the job started: every row's prediction time, so the job lands in one monitoring window.</param>
public sealed record ChunkLogging(string JobId, string Model, DateTimeOffset At)
{
    /// <summary>The variant a logged batch row carries: not live traffic of an experiment, but read by monitoring.</summary>
    public const string Variant = "batch";
}
