using Microsoft.DurableTask;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// Scores one chunk with the job's version (loaded once per process and shared with predict) and writes its output and
/// rejected rows as the chunk's parts. Idempotent: the same chunk gives the same bytes, overwritten on a retry, so a
/// chunk interrupted by a crash and run again still lands once in the output.
/// </summary>
public sealed class ScoreChunk(IScoringStore store, ServedModels models) : TaskActivity<ScoreChunkInput, ChunkResult>
{
    public override async Task<ChunkResult> RunAsync(TaskActivityContext context, ScoreChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var predictor = await models.GetRequiredVersionAsync(request.Model, request.Version, CancellationToken.None);
        ChunkOutput output;
        await using (var chunk = await store.OpenPartAsync(input.JobId, ScoringParts.Input(input.Chunk), CancellationToken.None))
        {
            output = ChunkScorer.Score(predictor, request.Version, chunk, input.FirstRow, CancellationToken.None);
        }

        await Task.WhenAll(
            store.WritePartAsync(input.JobId, ScoringParts.Scored(input.Chunk), output.Scored, CancellationToken.None),
            store.WritePartAsync(input.JobId, ScoringParts.Rejected(input.Chunk), output.Rejected, CancellationToken.None));
        return new ChunkResult(input.Chunk, output.Rows, output.RejectedRows);
    }
}
