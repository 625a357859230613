using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Mlops.Core.Experiments;
using Mlops.Storage;

namespace Mlops.Functions.Queues;

/// <summary>
/// Scores a shadow experiment's rows with its challenger, from the shadow queue, off predict's path (see
/// <see cref="ShadowScorer"/>). A failure is retried by the queue and ends in the poison queue after five attempts; a
/// message that is not a shadow request is logged and dropped, since retrying it cannot help.
/// </summary>
public sealed partial class ShadowScoringFunction(ShadowScorer scorer, ILogger<ShadowScoringFunction> logger)
{
    [Function("ShadowScoring")]
    public async Task Run([QueueTrigger(StorageNames.ShadowQueue, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        ShadowRequest request;
        try
        {
            request = ShadowMessages.Read(message);
        }
        catch (FormatException e)
        {
            Unreadable(logger, e.Message);
            return;
        }

        var scored = await scorer.ScoreAsync(request, cancellationToken);
        Scored(logger, request.Model, request.ExperimentId, scored, request.Rows.Count);
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Warning, Message = "Dropped a shadow message that is not a shadow request: {Reason}")]
    private static partial void Unreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 421, Level = LogLevel.Debug, Message = "Model {Model}: experiment {ExperimentId} shadow-scored {Scored} of {Rows} rows")]
    private static partial void Scored(ILogger logger, string model, string experimentId, int scored, int rows);
}
