using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Options;
using Mlops.Benchmarks;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;

// generate <file> [rows] [seed]: writes the mixed-type CSV the data-quality benchmark profiles.
// generate-numeric <file> [rows] [seed]: writes the narrower numeric CSV (scripts/bench-train-large --numeric).
// parquet <csv> <parquet>: writes that CSV as typed Parquet (scripts/bench-train-large --parquet).
// profile <file> [--json]: validates the file as a run does (stream, profile, checks, contract) and reports time.
// seppass <file>: Sep's parallel pass over the file, every cell tried as a number: the floor the gate is held to.
// readpass <file>: the gate's streaming reader alone on one thread, every cell touched: the gate's single-thread floor.
// Anything else runs BenchmarkDotNet (e.g. --filter *Profiler*).
switch (args.FirstOrDefault())
{
    case "generate" when args.Length >= 2:
        Generate(args[1], args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 10_000_000, args.Length > 3 ? ulong.Parse(args[3], CultureInfo.InvariantCulture) : 42);
        return 0;
    case "generate-numeric" when args.Length >= 2:
        GenerateNumeric(args[1], args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000, args.Length > 3 ? ulong.Parse(args[3], CultureInfo.InvariantCulture) : 42);
        return 0;
    case "parquet" when args.Length >= 3:
        await MixedParquetWriter.ConvertAsync(args[1], args[2]);
        return 0;
    case "trial" when args.Length >= 3:
        return await Trial(args[1], args[2], args.Length >= 4 ? args[3] : null);
    case "profile" when args.Length >= 2:
        return Profile(args[1], args.Contains("--json"));
    case "seppass" when args.Length >= 2:
        var clock = Stopwatch.StartNew();
        var (rows, numbers) = SepPass.Run(args[1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows={rows} numbers={numbers} seconds={clock.Elapsed.TotalSeconds:0.00}"));
        return 0;
    case "readpass" when args.Length >= 2:
        var started = Stopwatch.StartNew();
        using (var file = new FileStream(args[1], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            var sink = new ReadPass();
            var read = CsvDatasetReader.Read(file, sink);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows={read.Rows} characters={sink.Characters} seconds={started.Elapsed.TotalSeconds:0.00}"));
        }

        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(ProfilerBenchmarks).Assembly).Run(args);
        return 0;
}

static void Generate(string path, long rows, ulong seed)
{
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    MixedCsvGenerator.Write(writer, rows, seed);
}

static void GenerateNumeric(string path, long rows, ulong seed)
{
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    MixedCsvGenerator.WriteNumeric(writer, rows, seed);
}

// One search trial on a file, as a run's activity does it, timed in its parts (load, first trial, repeat): where a
// trial's time goes on large data. Parameters given as "name=value,name=value" replace the trainer's defaults.
static async Task<int> Trial(string path, string trainer, string? parameters)
{
    var clock = Stopwatch.StartNew();
    ValidationReport report;
    using (var file = File.OpenRead(path))
    {
        report = await new DatasetValidator(Options.Create(new ValidationOptions())).ValidateAsync(file, DatasetFiles.FormatOf(path) ?? DatasetFormat.Csv, "{\"label\":\"label\"}");
    }

    var validated = clock.Elapsed.TotalSeconds;
    var builder = new ColumnarDatasetBuilder(report.Schema!);
    using (var file = File.OpenRead(path))
    {
        await DatasetFiles.ReadAsync(file, DatasetFiles.FormatOf(path) ?? DatasetFormat.Csv, builder, CsvDialectHint.Exactly(report.Schema!.Dialect), CancellationToken.None);
    }

    var data = builder.Build();
    var loaded = clock.Elapsed.TotalSeconds;
    var options = new TrainingOptions();
    var plan = new SearchPlanner(Options.Create(options)).Plan(data, null, []);
    var configuration = plan.Configurations.First(c => c.Trainer == trainer);
    foreach (var pair in (parameters ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        var (name, value) = (pair.Split('=')[0], double.Parse(pair.Split('=')[1], CultureInfo.InvariantCulture));
        configuration = configuration with { Parameters = new Dictionary<string, double>(configuration.Parameters) { [name] = value } };
    }

    var runner = new TrialRunner(TimeProvider.System);
    var first = runner.Run(data, plan.Settings, new TrialRequest(0, 0, configuration, 1, null));
    var firstAt = clock.Elapsed.TotalSeconds;
    var second = runner.Run(data, plan.Settings, new TrialRequest(1, 0, configuration, 1, null));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"validate {validated:0.0} s, load {loaded - validated:0.0} s, first trial {firstAt - loaded:0.0} s ({first.Metrics[plan.Settings.Metric]:0.0000}), second {second.DurationSeconds:0.0} s, rows {data.RowCount:N0}, peak working set {Environment.WorkingSet / 1e6:0} MB"));
    return 0;
}

static int Profile(string path, bool json)
{
    var clock = Stopwatch.StartNew();
    using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
    var report = new DatasetValidator(Options.Create(new ValidationOptions())).Validate(file, specJson: null);
    var seconds = clock.Elapsed.TotalSeconds;
    var megabytes = new FileInfo(path).Length / 1e6;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rows={report.Rows} columns={report.Columns} passed={report.Passed} seconds={seconds:0.00} MBps={megabytes / seconds:0.0} gcHeapMB={GC.GetTotalMemory(false) / 1e6:0.0}"));
    foreach (var finding in report.Findings)
    {
        Console.WriteLine($"{finding.Severity} {finding.Rule} {finding.Column}: {finding.Message}");
    }

    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(report, MlopsJson.Options));
    }

    return report.Passed ? 0 : 1;
}
