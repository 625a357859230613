using Microsoft.Extensions.Logging;
using Mlops.Core.Events;
using Mlops.Core.Webhooks;

namespace Mlops.Functions.Webhooks;

/// <summary>
/// Delivers every model's pending events: the catch-up after a crash, a lost signal or a backoff that ended while no
/// event came. Models are delivered one after another; each webhook's lease keeps this off a delivery in progress.
/// </summary>
public sealed partial class WebhookSweep(IRegistryEventLog events, WebhookDeliverer deliverer, ILogger<WebhookSweep> logger)
{
    /// <returns>How many models were looked at.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var heads = await events.ListHeadsAsync(cancellationToken);
        foreach (var head in heads)
        {
            try
            {
                await deliverer.DeliverAsync(head.Model, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One model's storage fault does not hold up the others'.
                SweepFailed(logger, head.Model, e);
            }
        }

        return heads.Count;
    }

    [LoggerMessage(EventId = 721, Level = LogLevel.Error, Message = "Webhook sweep: delivery of {Model} failed; the next sweep tries again")]
    private static partial void SweepFailed(ILogger logger, string model, Exception exception);
}
