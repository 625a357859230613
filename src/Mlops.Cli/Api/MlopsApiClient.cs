using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Cli.Api.Contracts;

namespace Mlops.Cli.Api;

/// <summary>
/// The public HTTP API, one typed method per route. Every error answer becomes an <see cref="ApiProblemException"/>
/// carrying its problem+json, and no answer at all an <see cref="ApiUnreachableException"/> naming the address.
/// </summary>
public sealed class MlopsApiClient(HttpClient http) : IDisposable
{
    public const string KeyHeader = "x-functions-key";

    /// <summary>The app's address, as the user gave it.</summary>
    public Uri BaseAddress => http.BaseAddress ?? throw new InvalidOperationException("The client has no base address.");

    /// <summary>A client for the app at <paramref name="baseAddress"/> (with or without a trailing /api), sending the key when there is one.</summary>
    public static MlopsApiClient Create(Uri baseAddress, string? key, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = Normalize(baseAddress);
        http.Timeout = TimeSpan.FromMinutes(5);
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Add(KeyHeader, key);
        }

        return new MlopsApiClient(http);
    }

    /// <param name="retrain">Train content already trained again, under the model's spec as it is now.</param>
    public async Task<ApiResponse<DatasetAccepted>> UploadDatasetAsync(string model, Stream csv, bool retrain, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await SendAsync<DatasetAccepted>(HttpMethod.Post, $"api/datasets/{Segment(model)}{(retrain ? "?retrain=true" : string.Empty)}", content, cancellationToken);
    }

    public Task<ApiResponse<RunView>> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        SendAsync<RunView>(HttpMethod.Get, $"api/runs/{Segment(runId)}", null, cancellationToken);

    /// <summary>Runs a stalled, failed or quarantined run again (a quarantined one under the model's current spec).</summary>
    public async Task<ApiResponse<JsonElement>> RestartRunAsync(string runId, string? reason, CancellationToken cancellationToken)
    {
        using var content = Json(reason is null ? new JsonObject() : new JsonObject { ["reason"] = reason });
        return await SendAsync<JsonElement>(HttpMethod.Post, $"api/runs/{Segment(runId)}/restart", content, cancellationToken);
    }

    public Task<ApiResponse<IReadOnlyList<RunSummary>>> ListRunsAsync(string model, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<RunSummary>>(HttpMethod.Get, $"api/models/{Segment(model)}/runs", null, cancellationToken);

    public Task<ApiResponse<IReadOnlyList<ModelSummary>>> ListModelsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ModelSummary>>(HttpMethod.Get, "api/models", null, cancellationToken);

    public Task<ApiResponse<ModelDetails>> GetModelAsync(string model, CancellationToken cancellationToken) =>
        SendAsync<ModelDetails>(HttpMethod.Get, $"api/models/{Segment(model)}", null, cancellationToken);

    public Task<ApiResponse<VersionManifest>> GetVersionAsync(string model, int version, CancellationToken cancellationToken) =>
        SendAsync<VersionManifest>(HttpMethod.Get, $"api/models/{Segment(model)}/versions/{Number(version)}", null, cancellationToken);

    public Task<ApiResponse<JsonElement>> CompareAsync(string model, int a, int b, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"api/models/{Segment(model)}/compare?versions={Number(a)},{Number(b)}", null, cancellationToken);

    public async Task<ApiResponse<AliasMoved>> SetAliasAsync(string model, string alias, int version, CancellationToken cancellationToken)
    {
        using var content = Json(new JsonObject { ["version"] = version });
        return await SendAsync<AliasMoved>(HttpMethod.Put, $"api/models/{Segment(model)}/aliases/{Segment(alias)}", content, cancellationToken);
    }

    public Task<ApiResponse<IReadOnlyList<ExperimentView>>> ListExperimentsAsync(string model, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ExperimentView>>(HttpMethod.Get, $"api/models/{Segment(model)}/experiments", null, cancellationToken);

    public Task<ApiResponse<ExperimentView>> GetExperimentAsync(string model, string id, CancellationToken cancellationToken) =>
        SendAsync<ExperimentView>(HttpMethod.Get, $"api/models/{Segment(model)}/experiments/{Segment(id)}", null, cancellationToken);

    public async Task<ApiResponse<ExperimentView>> StartExperimentAsync(string model, int challenger, double? traffic, string? strategy, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["challenger"] = challenger };
        if (traffic is { } share)
        {
            body["traffic"] = share;
        }

        if (strategy is not null)
        {
            body["strategy"] = strategy;
        }

        using var content = Json(body);
        return await SendAsync<ExperimentView>(HttpMethod.Post, $"api/models/{Segment(model)}/experiments", content, cancellationToken);
    }

    public Task<ApiResponse<ExperimentView>> ApproveExperimentAsync(string model, string id, CancellationToken cancellationToken) =>
        SendAsync<ExperimentView>(HttpMethod.Post, $"api/models/{Segment(model)}/experiments/{Segment(id)}/approve", null, cancellationToken);

    public Task<ApiResponse<ExperimentView>> StopExperimentAsync(string model, string id, CancellationToken cancellationToken) =>
        SendAsync<ExperimentView>(HttpMethod.Post, $"api/models/{Segment(model)}/experiments/{Segment(id)}/stop", null, cancellationToken);

    public Task<ApiResponse<JsonElement>> GetMonitoringAsync(string model, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"api/models/{Segment(model)}/monitoring", null, cancellationToken);

    public Task<ApiResponse<JsonElement>> RunMonitoringAsync(string model, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/models/{Segment(model)}/monitoring/run", null, cancellationToken);

    /// <summary>One row (<c>{"features":{...}}</c>) or a batch (<c>{"instances":[...]}</c>), sent as given.</summary>
    public async Task<ApiResponse<JsonElement>> PredictAsync(string model, JsonNode body, CancellationToken cancellationToken)
    {
        using var content = Json(body);
        return await SendAsync<JsonElement>(HttpMethod.Post, $"api/models/{Segment(model)}/predict", content, cancellationToken);
    }

    public async Task<ApiResponse<JsonElement>> SendFeedbackAsync(string model, string predictionId, JsonNode label, CancellationToken cancellationToken)
    {
        using var content = Json(new JsonObject { ["predictionId"] = predictionId, ["label"] = label });
        return await SendAsync<JsonElement>(HttpMethod.Post, $"api/models/{Segment(model)}/feedback", content, cancellationToken);
    }

    public Task<ApiResponse<JsonElement>> GetSpecAsync(string model, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"api/models/{Segment(model)}/spec", null, cancellationToken);

    /// <summary>Sends the spec's text as it is, so that the API's check names the mistake in the user's own file.</summary>
    public async Task<ApiResponse<JsonElement>> PutSpecAsync(string model, string spec, CancellationToken cancellationToken)
    {
        using var content = new StringContent(spec, Encoding.UTF8, "application/json");
        return await SendAsync<JsonElement>(HttpMethod.Put, $"api/models/{Segment(model)}/spec", content, cancellationToken);
    }

    public async Task<ApiResponse<JsonElement>> ScoreAsync(string model, string file, int? version, bool logPredictions, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["file"] = file };
        if (version is { } named)
        {
            body["version"] = named;
        }

        if (logPredictions)
        {
            body["logPredictions"] = true;
        }

        using var content = Json(body);
        return await SendAsync<JsonElement>(HttpMethod.Post, $"api/models/{Segment(model)}/score", content, cancellationToken);
    }

    /// <summary>POST /api/models/{model}/score with the CSV itself as the body: the app stores it and starts its job.</summary>
    public async Task<ApiResponse<JsonElement>> ScoreUploadAsync(string model, Stream csv, string? name, int? version, bool logPredictions, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (name is not null)
        {
            query.Add("name=" + Segment(name));
        }

        if (version is { } named)
        {
            query.Add("version=" + Number(named));
        }

        if (logPredictions)
        {
            query.Add("logPredictions=true");
        }

        using var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var path = $"api/models/{Segment(model)}/score" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        return await SendAsync<JsonElement>(HttpMethod.Post, path, content, cancellationToken);
    }

    /// <summary>
    /// GET /api/jobs/{jobId}/output (or /rejected) copied into <paramref name="destination"/> as it arrives: a scored file
    /// can be far larger than anything worth holding in memory.
    /// </summary>
    public async Task DownloadJobFileAsync(string jobId, bool rejected, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = $"api/jobs/{Segment(jobId)}/{(rejected ? "rejected" : "output")}";
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw Unreachable(error);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiProblemException(ApiProblem.From(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(destination, cancellationToken);
        }
    }

    public Task<ApiResponse<JobView>> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync<JobView>(HttpMethod.Get, $"api/jobs/{Segment(jobId)}", null, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw Unreachable(error);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiUnreachableException($"The API at {BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} seconds.", error);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiProblemException(ApiProblem.From(response.StatusCode, body));
            }

            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
                json = document.RootElement.Clone();
            }
            catch (JsonException error)
            {
                throw new ApiProblemException(new ApiProblem((int)response.StatusCode, "Not JSON", $"The API at {BaseAddress} answered {path} with something that is not JSON ({error.Message}); is --url the app's address?", null));
            }

            var value = json.Deserialize<T>(ApiJson.Options)
                ?? throw new ApiProblemException(new ApiProblem((int)response.StatusCode, "Empty answer", $"The API answered {path} with no content.", null));
            return new ApiResponse<T>(value, json, (int)response.StatusCode);
        }
    }

    private ApiUnreachableException Unreachable(HttpRequestException error)
    {
        var why = error.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "its host name does not resolve",
            HttpRequestError.ConnectionError when error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "the connection was refused (nothing listens there)",
            HttpRequestError.ConnectionError => "the connection failed",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed",
            _ => error.Message,
        };
        return new ApiUnreachableException(
            $"Could not reach the API at {BaseAddress}: {why}. Is the app (or `dotnet run --project src/Mlops.DevHost`) running there? Pass --url or set MLOPS_URL.",
            error);
    }

    private static JsonContent Json(JsonNode body) => JsonContent.Create(body, options: ApiJson.Options);

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Uri Normalize(Uri baseAddress)
    {
        var text = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (text.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4];
        }

        return new Uri(text + "/");
    }
}
