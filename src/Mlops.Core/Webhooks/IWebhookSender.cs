using Mlops.Core.Events;

namespace Mlops.Core.Webhooks;

/// <summary>POSTs one event to one webhook, with its retries; a receiver's failure is a value, never an exception.</summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(Uri url, RegistryEvent registryEvent, CancellationToken cancellationToken);
}
