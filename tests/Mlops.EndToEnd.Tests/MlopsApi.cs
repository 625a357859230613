using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.EndToEnd.Tests;

/// <summary>The public HTTP contract as a client uses it.</summary>
public sealed class MlopsApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient Http => http;

    public async Task<JsonObject> UploadAsync(string model, byte[] csv, string query = "")
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new("text/csv");
        using var response = await http.PostAsync(new Uri($"api/datasets/{model}{query}", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"Upload answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<JsonObject> GetRunAsync(string runId) => await GetObjectAsync($"api/runs/{runId}");

    /// <summary>Polls the run until it leaves Pending/Running, bounded in time.</summary>
    public async Task<JsonObject> WaitForRunAsync(string runId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        var clock = Stopwatch.StartNew();
        JsonObject run;
        do
        {
            run = await GetRunAsync(runId);
            if (run["status"]!.GetValue<string>() is not ("Pending" or "Running"))
            {
                return run;
            }

            await Task.Delay(300);
        }
        while (clock.Elapsed < limit);

        throw new TimeoutException($"Run {runId} did not finish within {limit}: {run.ToJsonString()}");
    }

    public async Task<JsonObject> GetObjectAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<(HttpStatusCode Status, string? ContentType, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
            // Left null: the caller asserts on the status.
        }

        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }

    public Task<(HttpStatusCode Status, string? ContentType, JsonNode? Body)> PostJsonAsync(string path, object body) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public void Dispose() => http.Dispose();
}
