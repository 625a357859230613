using Microsoft.DurableTask;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// Scores one chunk with the job's version (loaded once per process and shared with predict): reads the chunk's byte
/// range of the file, scores it, and stages its output and rejected rows as the chunk's blocks of the published files.
/// Idempotent: the same chunk gives the same bytes, staged again under the same block id on a retry, so a chunk
/// interrupted by a crash and run again still lands once in the output. A job that logs its rows logs each chunk's as one
/// batch of the prediction log, under ids made from the job and the row.
/// </summary>
public sealed class ScoreChunk(IScoringStore store, ServedModels models, IPredictionLog predictions) : TaskActivity<ScoreChunkInput, ChunkResult>
{
    public override async Task<ChunkResult> RunAsync(TaskActivityContext context, ScoreChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var range = input.Range;
        var predictor = await models.GetRequiredVersionAsync(request.Model, request.Version, CancellationToken.None);

        // The range is read whole before parsing: the parser reads synchronously, and a chunk is megabytes, not gigabytes.
        var bytes = new MemoryStream(checked((int)(range.End - range.Start)));
        var file = new ScoringFile(request.Model, request.File, request.ETag, range.End);
        await using (var content = await store.OpenRangeAsync(file, range.Start, range.End, CancellationToken.None))
        {
            await content.CopyToAsync(bytes, CancellationToken.None);
        }

        bytes.Position = 0;
        using var batch = input.Logging is null ? null : predictions.CreateBatch();
        var output = ChunkScorer.Score(predictor, request.Version, bytes, input.Format, range, CancellationToken.None, input.Logging, batch);
        var staged = new List<Task>(3);
        if (batch is not null && output.LoggedRows > 0)
        {
            // The same ids and bytes on a retry: the log's segments are replaced with themselves, so each row is logged once.
            staged.Add(predictions.WriteAsync(batch, CancellationToken.None));
        }

        if (output.ScoredRows > 0)
        {
            staged.Add(store.StageAsync(input.JobId, ScoringFiles.Scored(request.Model, request.File), range.Chunk, output.Scored, CancellationToken.None));
        }

        if (output.RejectedRows > 0)
        {
            staged.Add(store.StageAsync(input.JobId, ScoringFiles.Rejected(request.Model, request.File), range.Chunk, output.Rejected, CancellationToken.None));
        }

        await Task.WhenAll(staged);
        return new ChunkResult(range.Chunk, output.Rows, output.RejectedRows);
    }
}
