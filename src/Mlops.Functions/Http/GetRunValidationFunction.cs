using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>GET /api/runs/{runId}/validation: the run's whole validation report (findings, column profiles, contract).</summary>
public sealed class GetRunValidationFunction(RunFindings findings)
{
    [Function("GetRunValidation")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "runs/{runId}/validation")] HttpRequest request,
        string runId,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        var model = RunIds.ModelOf(runId);
        var report = await findings.ReportAsync(model, runId, cancellationToken)
            ?? throw MlopsException.NotFound($"Run '{runId}' has no validation report: it does not exist, or its validate stage has not finished.");
        return new OkObjectResult(new ValidationView(
            runId, report.Passed, report.Rows, report.Columns, RunFindings.Views(report), report.Mitigations, report.Schema, report.Contract));
    });
}
