using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Events;
using Mlops.Core.Webhooks;
using Mlops.Functions.Http.Contracts;
using Polly.Timeout;

namespace Mlops.Functions.Webhooks;

/// <summary>
/// POSTs an event as JSON with its id, type and signature headers, over the typed client whose resilience pipeline
/// (<see cref="WebhookServiceCollectionExtensions"/>) bounds each attempt and retries transient failures.
/// </summary>
public sealed partial class HttpWebhookSender(HttpClient http, IOptions<WebhookOptions> options, ILogger<HttpWebhookSender> logger) : IWebhookSender
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private int warnedUnsigned;

    public async Task<WebhookSendResult> SendAsync(Uri url, RegistryEvent registryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registryEvent);
        var body = RegistryEventView.Of(registryEvent).ToUtf8Json();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add(WebhookHeaders.EventId, registryEvent.Id);
        request.Headers.Add(WebhookHeaders.EventType, registryEvent.Type);
        var key = options.Value.SigningKey;
        if (string.IsNullOrEmpty(key))
        {
            if (Interlocked.Exchange(ref warnedUnsigned, 1) == 0)
            {
                Unsigned(logger);
            }
        }
        else
        {
            request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Sign(key, body));
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode
                ? WebhookSendResult.Acknowledged
                : WebhookSendResult.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return WebhookSendResult.Failed(e.Message);
        }
        catch (TimeoutRejectedException)
        {
            return WebhookSendResult.Failed($"no answer within {options.Value.TimeoutMilliseconds} ms");
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Warning, Message = "Webhooks:SigningKey is empty: webhook deliveries are sent without X-Mlops-Signature, and receivers cannot tell them from forgeries")]
    private static partial void Unsigned(ILogger logger);
}
