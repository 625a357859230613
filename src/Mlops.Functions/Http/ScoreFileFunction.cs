using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Ingestion;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows.Contracts;
using Mlops.Workflows.Scoring;

namespace Mlops.Functions.Http;

/// <summary>
/// POST /api/models/{model}/score {"file":"x.csv","version":n,"logPredictions":false}: scores a file already in
/// "scoring/{model}/" as a batch job, with the champion unless a version is named. With a CSV body (text/csv) instead,
/// the file is uploaded first (<see cref="ScoringUploadQuery"/>: its name and the options in the query), streamed to the
/// scoring container under the upload limit, and scored the same way.
/// </summary>
public sealed class ScoreFileFunction(
    ScoringLauncher launcher,
    IScoringStore store,
    IOptions<ServingOptions> serving,
    IOptions<ScoringOptions> scoring,
    IOptions<IngestionOptions> ingestion,
    TimeProvider clock)
{
    [Function("ScoreFile")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{model}/score")] HttpRequest request,
        string model,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        if (ScoringUploadQuery.IsUpload(request))
        {
            return await UploadAndScoreAsync(request, model, client, cancellationToken);
        }

        using var body = await JsonBody.ReadAsync(request, BodyLimit.Request(serving.Value), cancellationToken);
        var (file, version, logPredictions) = Read(JsonBody.RootObject(body));
        var (stored, resolved) = await launcher.ResolveAsync(model, file, version, scoring.Value.MaxFileBytes, cancellationToken);
        return await StartAsync(client, stored, resolved, logPredictions, RunTriggerKinds.Manual, cancellationToken);
    });

    private async Task<IActionResult> UploadAndScoreAsync(HttpRequest request, string model, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = ScoringUploadQuery.Read(request);

        // Nothing is stored for a request that cannot be scored: the model, its champion or the named version first.
        var version = await launcher.ResolveVersionAsync(model, query.Version, cancellationToken);
        await using var body = await UploadSpool.ReadAsync(request, UploadLimit(), cancellationToken);
        var stored = await store.UploadAsync(model, query.FileName(clock.GetUtcNow(), body.Sha256), body.Content, cancellationToken);
        return await StartAsync(client, stored, version, query.LogPredictions, RunTriggerKinds.Upload, cancellationToken);
    }

    private async Task<IActionResult> StartAsync(DurableTaskClient client, ScoringFile stored, int resolved, bool logPredictions, string trigger, CancellationToken cancellationToken)
    {
        var model = stored.Model;
        var file = stored.File;
        var job = new ScoringRequest(model, file, stored.ETag, resolved) { LogPredictions = logPredictions, Trigger = trigger };
        var start = await launcher.StartAsync(client, stored, resolved, job, cancellationToken);
        var answer = new ScoringAccepted(start.JobId, model, file, start.Version, start.Started);
        return start.Started ? new AcceptedResult($"/api/jobs/{start.JobId}", answer) : new OkObjectResult(answer);
    }

    /// <summary>The smaller of the HTTP upload limit and the scoring file limit, named by its own setting.</summary>
    private BodyLimit UploadLimit()
    {
        var upload = BodyLimit.Upload(ingestion.Value);
        var file = scoring.Value.MaxFileBytes;
        return file < upload.Bytes ? new BodyLimit(file, ScoringOptions.Section + "__" + nameof(ScoringOptions.MaxFileBytes)) : upload;
    }

    private static (string File, int? Version, bool LogPredictions) Read(JsonElement root)
    {
        if (!root.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.String)
        {
            throw MlopsException.Invalid("Field 'file' is required: the name of a CSV in scoring/{model}/, e.g. \"customers.csv\".");
        }

        int? version = null;
        if (root.TryGetProperty("version", out var named) && named.ValueKind != JsonValueKind.Null)
        {
            version = named.ValueKind == JsonValueKind.Number && named.TryGetInt32(out var number) && number >= 1
                ? number
                : throw MlopsException.Invalid("Field 'version' must be a version number (an integer from 1), or absent for the champion.");
        }

        var log = false;
        if (root.TryGetProperty("logPredictions", out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            log = flag.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? flag.GetBoolean()
                : throw MlopsException.Invalid("Field 'logPredictions' must be true or false.");
        }

        return (ScoringFiles.Validate(file.GetString()), version, log);
    }
}
