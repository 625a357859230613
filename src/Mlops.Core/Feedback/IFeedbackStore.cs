namespace Mlops.Core.Feedback;

public interface IFeedbackStore
{
    /// <summary>Records (or replaces) the label for a prediction.</summary>
    Task RecordAsync(FeedbackRecord feedback, CancellationToken cancellationToken);

    Task<FeedbackRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken);
}
