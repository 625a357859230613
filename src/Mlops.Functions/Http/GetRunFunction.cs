using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Runs;

namespace Mlops.Functions.Http;

/// <summary>GET /api/runs/{runId}: the run's status, stages and outcome.</summary>
public sealed class GetRunFunction(IRunJournalStore journals, RunFindings findings)
{
    [Function("GetRun")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "runs/{runId}")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        var model = RunIds.ModelOf(runId);
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken)
            ?? throw MlopsException.NotFound($"Run '{runId}' does not exist.");
        var journal = await journals.GetAsync(model, runId, cancellationToken);
        var report = await findings.ReportAsync(model, runId, cancellationToken);
        return new OkObjectResult(RunViews.From(model, metadata, journal) with { Findings = report is null ? [] : RunFindings.Views(report) });
    });
}
