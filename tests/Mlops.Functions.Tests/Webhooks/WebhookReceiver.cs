using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mlops.Functions.Webhooks;

namespace Mlops.Functions.Tests.Webhooks;

/// <summary>How a receiver answers its n-th request (0-based).</summary>
public enum ReceiverAnswer
{
    Ok,
    ServerError,
    NoAnswer,
}

/// <summary>What one request brought: the headers a receiver reads and the exact body bytes.</summary>
public sealed record ReceivedDelivery(string? EventId, string? EventType, string? Signature, string? ContentType, byte[] Body, ReceiverAnswer Answer);

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, a free port) with one endpoint per test, each with its own answers.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, ReceiverEndpoint> endpoints = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver.app.MapPost("/hooks/{name}", receiver.HandleAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public ReceiverEndpoint Add(Func<int, ReceiverAnswer> answer)
    {
        var name = Guid.NewGuid().ToString("N");
        var endpoint = new ReceiverEndpoint(new Uri(BaseAddress, $"/hooks/{name}"), answer);
        endpoints[name] = endpoint;
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(string name, HttpContext context)
    {
        if (!endpoints.TryGetValue(name, out var endpoint))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var answer = endpoint.Record(context.Request, body.ToArray());
        switch (answer)
        {
            case ReceiverAnswer.Ok:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case ReceiverAnswer.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
            default:
                using (var hung = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, hung.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The sender gave up (its attempt timed out), or the test is over.
                    }
                }

                break;
        }
    }
}

public sealed class ReceiverEndpoint(Uri url, Func<int, ReceiverAnswer> answer)
{
    private readonly List<ReceivedDelivery> received = [];

    public Uri Url { get; } = url;

    public IReadOnlyList<ReceivedDelivery> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>What a receiver keeps after dropping duplicates by event id: the acknowledged deliveries, first of each id.</summary>
    public IReadOnlyList<ReceivedDelivery> Acknowledged =>
        [.. Received.Where(d => d.Answer == ReceiverAnswer.Ok).DistinctBy(d => d.EventId)];

    internal ReceiverAnswer Record(HttpRequest request, byte[] body)
    {
        lock (received)
        {
            var reply = answer(received.Count);
            received.Add(new ReceivedDelivery(
                request.Headers[WebhookHeaders.EventId].ToString(),
                request.Headers[WebhookHeaders.EventType].ToString(),
                request.Headers[WebhookHeaders.Signature].ToString(),
                request.ContentType,
                body,
                reply));
            return reply;
        }
    }
}
