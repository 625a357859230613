using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Mlops.Dashboard.Tests;

/// <summary>The public API, to seed the DevHost and to read the numbers the pages must show.</summary>
public sealed class DashboardApi(Uri baseAddress) : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri("api/" + path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri("api/" + path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Uploads a CSV and answers its run id; the run starts at once.</summary>
    public async Task<string> UploadAsync(string model, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await http.PostAsync(new Uri($"api/datasets/{model}", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"upload {model}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["runId"]!.GetValue<string>();
    }

    public async Task<JsonNode> WaitForRunAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        while (true)
        {
            var run = await GetAsync($"runs/{runId}");
            if (run["status"]!.GetValue<string>() is "Completed" or "Quarantined" or "Failed")
            {
                return run;
            }

            await Task.Delay(250, timeout.Token);
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds, failing with what it last saw.</summary>
    public async Task<JsonNode> WaitForAsync(string path, Func<JsonNode, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var last = await GetAsync(path);
        while (!done(last))
        {
            Assert.True(DateTime.UtcNow < deadline, string.Create(CultureInfo.InvariantCulture, $"GET {path} did not reach the expected state within {within}: {last.ToJsonString()}"));
            await Task.Delay(250);
            last = await GetAsync(path);
        }

        return last;
    }

    public void Dispose() => http.Dispose();
}
