namespace Mlops.Core.Feedback;

public interface IFeedbackStore
{
    /// <summary>Records (or replaces) the label for a prediction.</summary>
    Task RecordAsync(FeedbackRecord feedback, CancellationToken cancellationToken);

    Task<FeedbackRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken);

    /// <summary>
    /// The labels recorded for any of <paramref name="predictionIds"/>, in one range read: prediction ids are
    /// time-ordered, so the ids of one request (or of requests close in time) lie close together.
    /// </summary>
    Task<IReadOnlyList<FeedbackRecord>> FindAsync(string model, IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken);
}
