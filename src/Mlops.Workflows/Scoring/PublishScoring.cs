using Microsoft.DurableTask;
using Mlops.Core.Scoring;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// Publishes a job's results in the scored container: the rejected rows (when there are any; otherwise a side file an
/// earlier job left for the same file is removed, so it cannot be read as this job's), then the output, each committed
/// whole from the blocks its chunks staged, in input order. The output names its job, so a rerun after the commit (a
/// crash before the activity's completion was recorded) publishes nothing twice.
/// </summary>
public sealed class PublishScoring(IScoringStore store) : TaskActivity<PublishScoringInput, ScoringOutputs>
{
    public const string Container = "scored";

    private const string RejectedHeader = "row,reason\n";

    public override async Task<ScoringOutputs> RunAsync(TaskActivityContext context, PublishScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var output = ScoringFiles.Scored(request.Model, request.File);
        var rejected = ScoringFiles.Rejected(request.Model, request.File);
        var anyRejected = input.Rejected > 0;
        if (!await store.IsPublishedAsync(input.JobId, output, CancellationToken.None))
        {
            if (anyRejected)
            {
                await store.CommitAsync(input.JobId, rejected, RejectedHeader, [.. input.Chunks.Where(c => c.Rejected > 0).Select(c => c.Chunk)], CancellationToken.None);
            }
            else
            {
                await store.RemoveStaleAsync(input.JobId, rejected, CancellationToken.None);
            }

            await store.CommitAsync(input.JobId, output, input.Header, [.. input.Chunks.Where(c => c.Rows > c.Rejected).Select(c => c.Chunk)], CancellationToken.None);
        }

        return new ScoringOutputs($"{Container}/{output}", anyRejected ? $"{Container}/{rejected}" : null);
    }
}
