using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.IO;
using Mlops.Core;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// A batch of the blob prediction log: one open segment per model and minute, each a gzip stream over pooled memory that
/// a prediction is written into as a JSON line when it is added. Sealing ends the streams; the bytes stay until disposal,
/// so a failed upload can be retried with the same segments.
/// </summary>
internal sealed class BlobPredictionBatch(RecyclableMemoryStreamManager memory) : IPredictionBatch
{
    private static readonly JsonWriterOptions LineOptions = new() { SkipValidation = true };

    private readonly Dictionary<(string Model, long Minute), Segment> open = [];
    private readonly Dictionary<string, int> countByModel = new(StringComparer.Ordinal);
    private readonly List<PredictionRecord> experimentPredictions = [];
    private readonly ArrayBufferWriter<byte> line = new(4_096);
    private Utf8JsonWriter? json;
    private bool isSealed;

    public int Count { get; private set; }

    public IReadOnlyDictionary<string, int> CountByModel => countByModel;

    public IReadOnlyList<PredictionRecord> ExperimentPredictions => experimentPredictions;

    public void Add(PredictionRecord prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ObjectDisposedException.ThrowIf(isSealed, this);
        ModelName.Validate(prediction.Model);
        TableKeys.Validate(prediction.PredictionId, "prediction id");
        var minute = PredictionSegments.MinuteOf(prediction);
        if (!open.TryGetValue((prediction.Model, minute.UtcTicks), out var segment))
        {
            open[(prediction.Model, minute.UtcTicks)] = segment = new Segment(prediction.Model, minute, memory.GetStream("prediction-segment"));
        }

        json ??= new Utf8JsonWriter(line, LineOptions);
        PredictionSegments.WriteLine(json, prediction);
        json.Flush();
        line.Write("\n"u8);
        segment.Append(prediction, line.WrittenSpan);
        line.ResetWrittenCount();
        json.Reset();

        countByModel[prediction.Model] = countByModel.GetValueOrDefault(prediction.Model) + 1;
        if (prediction.ExperimentId is not null)
        {
            experimentPredictions.Add(prediction);
        }

        Count++;
    }

    /// <summary>Ends the segments' streams (no prediction can be added after); the same segments on every call.</summary>
    public IReadOnlyCollection<Segment> Seal()
    {
        if (!isSealed)
        {
            foreach (var segment in open.Values)
            {
                segment.Complete();
            }

            isSealed = true;
        }

        return open.Values;
    }

    public void Dispose()
    {
        json?.Dispose();
        foreach (var segment in open.Values)
        {
            segment.Dispose();
        }

        open.Clear();
        isSealed = true;
    }

    /// <summary>One model's predictions of one minute in this batch, and how its experiments' variants served them.</summary>
    internal sealed class Segment(string model, DateTimeOffset minute, RecyclableMemoryStream bytes) : IDisposable
    {
        private readonly GZipStream gzip = new(bytes, CompressionLevel.Fastest, leaveOpen: true);
        private string? first;
        private string? last;

        public string Model { get; } = model;

        public Dictionary<string, ExperimentServing> Serving { get; } = new(StringComparer.Ordinal);

        /// <summary>The blob's name: its minute and the lowest and highest id it holds (rows are in arrival order).</summary>
        public string Name => PredictionSegments.Name(Model, minute, first!, last!);

        /// <summary>The gzipped lines from the start; only after <see cref="Complete"/>.</summary>
        public Stream Content
        {
            get
            {
                bytes.Position = 0;
                return bytes;
            }
        }

        public void Append(PredictionRecord prediction, ReadOnlySpan<byte> jsonLine)
        {
            gzip.Write(jsonLine);
            var id = prediction.PredictionId;
            if (first is null || string.CompareOrdinal(id, first) < 0)
            {
                first = id;
            }

            if (last is null || string.CompareOrdinal(id, last) > 0)
            {
                last = id;
            }

            if (prediction.ExperimentId is { } experiment)
            {
                Serving[experiment] = Serving.GetValueOrDefault(experiment, ExperimentServing.None)
                    .With(prediction.Variant, prediction.LatencyMs, prediction.ChallengerError is not null);
            }
        }

        public void Complete() => gzip.Dispose();

        public void Dispose()
        {
            gzip.Dispose();
            bytes.Dispose();
        }
    }
}
