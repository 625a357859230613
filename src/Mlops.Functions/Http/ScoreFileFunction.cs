using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows.Contracts;
using Mlops.Workflows.Scoring;

namespace Mlops.Functions.Http;

/// <summary>
/// POST /api/models/{model}/score {"file":"x.csv","version":n,"logPredictions":false}: scores a file already in
/// "scoring/{model}/" as a batch job, with the champion unless a version is named.
/// </summary>
public sealed class ScoreFileFunction(ScoringLauncher launcher, IOptions<ServingOptions> serving, IOptions<ScoringOptions> scoring)
{
    [Function("ScoreFile")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{model}/score")] HttpRequest request,
        string model,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        using var body = await JsonBody.ReadAsync(request, BodyLimit.Request(serving.Value), cancellationToken);
        var (file, version, logPredictions) = Read(JsonBody.RootObject(body));
        var (stored, resolved) = await launcher.ResolveAsync(model, file, version, scoring.Value.MaxFileBytes, cancellationToken);

        var job = new ScoringRequest(model, file, stored.ETag, resolved) { LogPredictions = logPredictions, Trigger = RunTriggerKinds.Manual };
        var start = await launcher.StartAsync(client, stored, resolved, job, cancellationToken);
        var answer = new ScoringAccepted(start.JobId, model, file, start.Version, start.Started);
        return start.Started ? new AcceptedResult($"/api/jobs/{start.JobId}", answer) : new OkObjectResult(answer);
    });

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
