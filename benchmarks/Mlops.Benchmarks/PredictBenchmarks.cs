using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using Mlops.Storage;
using Mlops.Storage.Serving;

namespace Mlops.Benchmarks;

/// <summary>
/// The in-process pieces of one predict request on the breast_cancer champion (30 numeric features), against the floor
/// of reading its body at all: parsing the JSON (the baseline), so each piece reads as "costs N times the parse".
/// Reading the features, assigning a variant, scoring, and handing the prediction to the log's buffer.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PredictBenchmarks : IDisposable
{
    private const int EncodedBatchRows = 1_000;

    private byte[] body = [];
    private ModelPredictor? predictor;
    private JsonDocument? document;
    private Dictionary<string, JsonElement> features = [];
    private BufferedPredictionWriter? writer;
    private PredictionRecord? record;
    private string salt = "0f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private BlobPredictionLog? segmentLog;
    private PredictionRecord[] varied = [];

    [GlobalSetup]
    public void Setup()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "samples", "breast_cancer.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var data = new CsvDataset(header, rows);
        var schema = new DatasetSchema([.. header[..^1].Select(c => new ColumnSchema(c, ColumnKind.Numeric))], header[^1], MlTask.BinaryClassification, [.. rows.Select(r => r[^1]).Distinct().Order(StringComparer.Ordinal)]);
        predictor = ModelPredictor.Load(new ModelTrainer(Options.Create(new TrainingOptions())).Train(ColumnarDatasetBuilder.From(data, schema)).ModelZip, schema);
        var json = new StringBuilder("{\"features\":{");
        json.AppendJoin(',', header[..^1].Select((c, i) => $"\"{c}\":{rows[0][i]}"));
        json.Append("},\"entityId\":\"customer-42\"}");
        body = Encoding.UTF8.GetBytes(json.ToString());
        document = JsonDocument.Parse(body);
        features = Read(document);
        writer = new BufferedPredictionWriter(new DiscardingLog(), [], Options.Create(new ServingOptions { LogBufferRows = 10_000_000, LogWhenFull = "drop" }), TimeProvider.System, NullLogger<BufferedPredictionWriter>.Instance);
        writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        segmentLog = new BlobPredictionLog(new StorageClients(Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" })), TimeProvider.System);
        var random = new Random(7);
        varied = [.. Enumerable.Range(0, EncodedBatchRows).Select(i => new PredictionRecord(
            "bench",
            PredictionIds.New(DateTimeOffset.UtcNow),
            1,
            "champion",
            DateTimeOffset.UtcNow,
            "{" + string.Join(',', header[..^1].Select(c => $"\"{c}\":{random.NextDouble() * 100:F4}")) + "}",
            "malignant",
            random.NextDouble(),
            $"customer-{i}"))];
        record = new PredictionRecord("bench", PredictionIds.New(DateTimeOffset.UtcNow), 1, "champion", DateTimeOffset.UtcNow, document.RootElement.GetProperty("features").GetRawText(), "malignant", 0.9, "customer-42");
    }

    /// <summary>Parsing the request body: what any JSON endpoint pays.</summary>
    [Benchmark(Baseline = true)]
    public int ParseBody()
    {
        using var parsed = JsonDocument.Parse(body);
        return parsed.RootElement.GetProperty("features").GetPropertyCount();
    }

    /// <summary>Parsing plus the features as predict reads them: views into the document, and its raw text for the log.</summary>
    [Benchmark]
    public int ReadRequest()
    {
        using var parsed = JsonDocument.Parse(body);
        var read = Read(parsed);
        return read.Count + parsed.RootElement.GetProperty("features").GetRawText().Length;
    }

    [Benchmark]
    public bool AssignVariant() => VariantAssignment.IsChallenger(salt, "customer-42", 0.1);

    /// <summary>The champion scoring one row: reading the features into the model's row, ML.NET, the answer.</summary>
    [Benchmark]
    public Prediction Predict() => predictor!.Predict(features);

    /// <summary>Handing one prediction to the log's buffer (the background writer discards what it drains).</summary>
    [Benchmark]
    public ValueTask EnqueueLog() => writer!.RecordAsync([record!], CancellationToken.None);

    /// <summary>
    /// The log's writer encoding a prediction into its segment (a gzipped JSON line) and writing the segment out, per
    /// prediction in batches of <see cref="EncodedBatchRows"/> with distinct features, as served rows have.
    /// </summary>
    [Benchmark(OperationsPerInvoke = EncodedBatchRows)]
    public long EncodeForLog()
    {
        using var batch = segmentLog!.CreateBatch();
        foreach (var prediction in varied)
        {
            batch.Add(prediction);
        }

        return batch.Count;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        writer?.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        writer?.Dispose();
        segmentLog?.Dispose();
        predictor?.Dispose();
        document?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, JsonElement> Read(JsonDocument parsed)
    {
        var read = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in parsed.RootElement.GetProperty("features").EnumerateObject())
        {
            read[property.Name] = property.Value;
        }

        return read;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MlopsFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }

    private sealed class DiscardingLog : IPredictionLog
    {
        public IPredictionBatch CreateBatch() => new CountingBatch();

        public Task WriteAsync(IPredictionBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken) => Task.FromResult<PredictionRecord?>(null);

        public Task<ExperimentServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken) => Task.FromResult(ExperimentServing.None);

        public IAsyncEnumerable<PredictionRecord> ReadRangeAsync(string model, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
            AsyncEnumerable.Empty<PredictionRecord>();
    }

    private sealed class CountingBatch : IPredictionBatch
    {
        public int Count { get; private set; }

        public IReadOnlyDictionary<string, int> CountByModel { get; } = new Dictionary<string, int>();

        public IReadOnlyList<PredictionRecord> ExperimentPredictions { get; } = [];

        public void Add(PredictionRecord prediction) => Count++;

        public void Dispose()
        {
        }
    }
}
