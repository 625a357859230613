using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.IO;
using Mlops.Core;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// Served predictions as segments in the predictions container (<see cref="PredictionSegments"/>): a write stores one
/// blob per model and minute instead of one table entity per prediction, which is what lets the log keep up with predict
/// (one storage operation per thousands of rows, about 250 bytes a row). Feedback finds an id by listing its minute;
/// monitoring reads a time range by listing its days; experiment looks read <see cref="ServingTallies"/>.
/// </summary>
public sealed class BlobPredictionLog : IPredictionLog, IDisposable
{
    /// <summary>Segments uploaded at once while writing a batch.</summary>
    private const int MaxParallelUploads = 4;

    /// <summary>Decoded segments kept for the next lookups (bulk feedback reads many ids of the same segments).</summary>
    private const int CachedSegments = 8;

    /// <summary>Pooled blocks for the segments being built: megabytes a second that would otherwise be large-object garbage.</summary>
    private static readonly RecyclableMemoryStreamManager Memory = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = 64L << 20,
        MaximumLargePoolFreeBytes = 64L << 20,
    });

    private readonly BlobContainerClient container;
    private readonly ServingTallies tallies;
    private readonly ConcurrentDictionary<string, Dictionary<string, PredictionRecord>> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> cacheOrder = new();

    public BlobPredictionLog(StorageClients clients, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        container = clients.Container(StorageNames.PredictionsContainer);
        tallies = new ServingTallies(clients.Table(StorageNames.ServingTalliesTable), clock);
    }

    public IPredictionBatch CreateBatch() => new BlobPredictionBatch(Memory);

    /// <remarks>
    /// A segment's name is its minute and id range, so writing the same batch again replaces its segments with the same
    /// bytes; the serving tallies count a segment once per process.
    /// </remarks>
    public async Task WriteAsync(IPredictionBatch batch, CancellationToken cancellationToken)
    {
        if (batch is not BlobPredictionBatch blobs)
        {
            throw new ArgumentException("The batch was not made by this log's CreateBatch.", nameof(batch));
        }

        var segments = blobs.Seal();
        await Parallel.ForEachAsync(
            segments,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelUploads, CancellationToken = cancellationToken },
            async (segment, token) => await container.GetBlobClient(segment.Name).UploadAsync(segment.Content, overwrite: true, token));

        foreach (var segment in segments.Where(s => s.Serving.Count > 0))
        {
            await tallies.CountAsync(segment.Model, segment.Name, segment.Serving, cancellationToken);
        }
    }

    public async Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        using var batch = CreateBatch();
        foreach (var prediction in predictions)
        {
            batch.Add(prediction);
        }

        await WriteAsync(batch, cancellationToken);
    }

    public async Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        TableKeys.Validate(predictionId, "prediction id");
        if (!PredictionIds.TryGetTime(predictionId, out var made))
        {
            // Not an id predict made, so no segment is filed under its time.
            return null;
        }

        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = PredictionSegments.MinutePrefix(model, PredictionSegments.Truncate(made)) }, cancellationToken))
        {
            if (PredictionSegments.TryParse(blob.Name, out _, out var first, out var last)
                && string.CompareOrdinal(first, predictionId) <= 0 && string.CompareOrdinal(predictionId, last) <= 0
                && (await SegmentAsync(blob.Name, cancellationToken)).TryGetValue(predictionId, out var prediction))
            {
                return prediction;
            }
        }

        return null;
    }

    public Task<ExperimentServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken) =>
        tallies.ReadAsync(ModelName.Validate(model), experimentId, cancellationToken);

    public async IAsyncEnumerable<PredictionRecord> ReadRangeAsync(
        string model, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        if (until <= since)
        {
            yield break;
        }

        // The model's days that have segments, so a range reaching far into the past costs one listing, not one per day.
        var firstMinute = PredictionSegments.Truncate(since);
        var days = new List<string>();
        await foreach (var item in container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = model + "/", Delimiter = "/" }, cancellationToken))
        {
            if (item.IsPrefix && PredictionSegments.TryParseDay(item.Prefix, out var day) && day >= firstMinute.AddDays(-1) && day < until)
            {
                days.Add(item.Prefix);
            }
        }

        foreach (var prefix in days)
        {
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                if (!PredictionSegments.TryParse(blob.Name, out var minute, out _, out _) || minute < firstMinute || minute >= until)
                {
                    continue;
                }

                var content = await container.GetBlobClient(blob.Name).DownloadStreamingAsync(cancellationToken: cancellationToken);
                await using var stream = content.Value.Content;
                foreach (var prediction in PredictionSegments.Decode(stream))
                {
                    var at = PredictionSegments.MadeAt(prediction);
                    if (at >= since && at < until)
                    {
                        yield return prediction;
                    }
                }
            }
        }
    }

    public void Dispose() => tallies.Dispose();

    /// <remarks>A segment never changes once written (a rewrite holds the same rows), so a decoded one can be kept.</remarks>
    private async Task<Dictionary<string, PredictionRecord>> SegmentAsync(string name, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        Dictionary<string, PredictionRecord> rows;
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            using var stream = content.Value.Content.ToStream();
            rows = PredictionSegments.Decode(stream).ToDictionary(p => p.PredictionId, StringComparer.Ordinal);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        if (cache.TryAdd(name, rows))
        {
            cacheOrder.Enqueue(name);
            while (cacheOrder.Count > CachedSegments && cacheOrder.TryDequeue(out var oldest))
            {
                cache.TryRemove(oldest, out _);
            }
        }

        return rows;
    }
}
