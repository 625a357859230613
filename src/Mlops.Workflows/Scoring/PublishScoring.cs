using System.Text;
using Microsoft.DurableTask;
using Mlops.Core.Scoring;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// Publishes a job's results in the scored container: the rejected rows (when there are any), then the output, each
/// committed whole from the chunks' parts in input order; then removes the parts. The output names its job, so a rerun
/// after the commit (a crash before the activity's completion was recorded) publishes nothing twice.
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
        var rejected = input.Rejected > 0 ? ScoringFiles.Rejected(request.Model, request.File) : null;
        if (!await store.IsPublishedAsync(input.JobId, output, CancellationToken.None))
        {
            var chunks = Enumerable.Range(0, input.Chunks).ToList();
            if (rejected is not null)
            {
                await store.PublishAsync(input.JobId, rejected, RejectedHeader, [.. chunks.Select(ScoringParts.Rejected)], CancellationToken.None);
            }

            string header;
            await using (var part = await store.OpenPartAsync(input.JobId, ScoringParts.Header, CancellationToken.None))
            using (var reader = new StreamReader(part, Encoding.UTF8))
            {
                header = await reader.ReadToEndAsync(CancellationToken.None);
            }

            await store.PublishAsync(input.JobId, output, header, [.. chunks.Select(ScoringParts.Scored)], CancellationToken.None);
        }

        await store.DeletePartsAsync(input.JobId, CancellationToken.None);
        return new ScoringOutputs($"{Container}/{output}", rejected is null ? null : $"{Container}/{rejected}");
    }
}
