using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;
using Mlops.Workflows.Scoring;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/jobs/{jobId}/output and /api/jobs/{jobId}/rejected: a completed scoring job's scored file and its rejected
/// rows, streamed as CSV, so that a caller without access to the storage account (the CLI, a script) gets its results.
/// Only the files this job published are served: when the same file was scored again since, the answer says so.
/// </summary>
public sealed class GetJobOutputFunction(IScoringStore store)
{
    [Function("GetJobOutput")]
    public Task<IActionResult> Output(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "jobs/{jobId}/output")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(() => ServeAsync(jobId, rejected: false, client, cancellationToken));

    [Function("GetJobRejected")]
    public Task<IActionResult> Rejected(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "jobs/{jobId}/rejected")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(() => ServeAsync(jobId, rejected: true, client, cancellationToken));

    private async Task<IActionResult> ServeAsync(string jobId, bool rejected, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var metadata = await JobViews.FindAsync(client, jobId, cancellationToken);
        var job = metadata.ReadInputAs<ScoringRequest>() ?? throw MlopsException.NotFound($"Job '{jobId}' does not exist.");

        var view = JobViews.From(metadata);
        if (view.Status != "Completed")
        {
            throw new MlopsException(MlopsErrorCode.Conflict, view.Status == "Failed"
                ? $"Job '{jobId}' failed and has no output: {view.Reason}"
                : $"Job '{jobId}' is {view.Status.ToLowerInvariant()} ({view.RowsDone:N0} rows done); its output appears when it completes.");
        }

        if (rejected && view.RowsRejected == 0)
        {
            throw MlopsException.NotFound($"Job '{jobId}' rejected no rows, so it has no rejected file.");
        }

        var blobName = rejected ? ScoringFiles.Rejected(job.Model, job.File) : ScoringFiles.Scored(job.Model, job.File);
        var content = await store.OpenPublishedAsync(jobId, blobName, cancellationToken)
            ?? throw MlopsException.NotFound($"'scored/{blobName}' is no longer job '{jobId}''s output: the file was scored again since (or removed).");
        return new FileStreamResult(content, "text/csv; charset=utf-8") { FileDownloadName = Path.GetFileName(blobName) };
    }
}
