using System.Net;
using System.Text;

namespace Mlops.Cli.Tests;

/// <summary>
/// A fake of the HTTP API at the handler: answers by route from a table the test fills, and records every request
/// (method, path and query, body, key header) so a test can assert what the command line sent.
/// </summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Func<HttpResponseMessage>>> routes = new(StringComparer.Ordinal);
    private readonly List<SentRequest> sent = [];

    public IReadOnlyList<SentRequest> Sent
    {
        get
        {
            lock (sent)
            {
                return [.. sent];
            }
        }
    }

    /// <summary>Answers "METHOD /path?query" with <paramref name="json"/>; several answers for one route are given in turn, the last repeating.</summary>
    public FakeApi On(string route, HttpStatusCode status, string json, string contentType = "application/json")
    {
        if (!routes.TryGetValue(route, out var answers))
        {
            routes[route] = answers = new Queue<Func<HttpResponseMessage>>();
        }

        answers.Enqueue(() => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, contentType) });
        return this;
    }

    public FakeApi OnProblem(string route, HttpStatusCode status, string title, string detail, string errorCode) =>
        On(route, status, $$"""{"type":"https://mlops.dev/errors/{{errorCode}}","title":"{{title}}","status":{{(int)status}},"detail":"{{detail}}","errorCode":"{{errorCode}}"}""", "application/problem+json");

    /// <summary>Every request fails as a connection refused would.</summary>
    public Exception? Failure { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("x-functions-key", out var keys) ? keys.Single() : null;
        var route = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        lock (sent)
        {
            sent.Add(new SentRequest(route, body, key, request.RequestUri));
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        if (!routes.TryGetValue(route, out var answers))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"no fake for {route}") };
        }

        return answers.Count > 1 ? answers.Dequeue()() : answers.Peek()();
    }
}

public sealed record SentRequest(string Route, string? Body, string? Key, Uri Uri);
