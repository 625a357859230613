using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mlops.Core.Errors;
using Mlops.Core.Runs;
using Mlops.Core.Serving;
using Mlops.Workflows;

namespace Mlops.Functions.Http;

/// <summary>
/// POST /api/runs/{runId}/restart, optionally {"reason": "..."}: runs a stalled or failed run again from its last
/// completed step (admin). A run that completed or quarantined its data answers 409.
/// </summary>
public sealed class RestartRunFunction(RunRestarter restarter, IOptions<ServingOptions> options)
{
    private const int MaxReasonLength = 500;

    [Function("RestartRun")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "runs/{runId}/restart")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        var reason = await ReasonAsync(request, cancellationToken);
        var restart = await restarter.RestartAsync(client, runId, RestartKind.Manual, reason, cancellationToken);
        return new AcceptedResult($"/api/runs/{restart.RunId}", restart);
    });

    private async Task<string> ReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string byHand = "Restarted by hand.";
        using var body = await JsonBody.ReadOptionalAsync(request, BodyLimit.Request(options.Value), cancellationToken);
        if (body is null)
        {
            return byHand;
        }

        var root = JsonBody.RootObject(body);
        if (!root.TryGetProperty("reason", out var reason) || reason.ValueKind == JsonValueKind.Null)
        {
            return byHand;
        }

        return reason.ValueKind == JsonValueKind.String && reason.GetString() is { Length: > 0 and <= MaxReasonLength } text
            ? text
            : throw MlopsException.Invalid($"Field 'reason' must be a string of 1 to {MaxReasonLength} characters.");
    }
}
