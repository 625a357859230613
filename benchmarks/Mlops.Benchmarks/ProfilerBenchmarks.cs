using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;
using Mlops.Core.Validation;
using nietras.SeparatedValues;

namespace Mlops.Benchmarks;

/// <summary>
/// The profiler on an in-memory CSV of mixed types, against the floor of reading it at all: Sep parsing every cell
/// (the baseline), so that the report reads as "profiling costs N times parsing". A million rows, because below that
/// the profiler's bounded structures (exact distinct sets up to their cap, sketches) are still filling and their
/// fixed cost dominates; each operation takes about a second, so a few iterations give a stable mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ProfilerBenchmarks
{
    private byte[] csv = [];

    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => csv = MixedCsvGenerator.Bytes(Rows, seed: 42);

    /// <summary>Sep reading every cell's span: what any profiler must at least do.</summary>
    [Benchmark(Baseline = true)]
    public long SepParse()
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true }).From(new MemoryStream(csv));
        long length = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                length += row[i].Span.Length;
            }
        }

        return length;
    }

    /// <summary>The streaming reader (UTF-8 check, RFC 4180, ragged rows) feeding the one-pass profiler.</summary>
    [Benchmark]
    public DatasetProfile Profile()
    {
        var profiler = new DatasetProfiler(new ProfilerSettings { Label = "label" });
        CsvDatasetReader.Read(new MemoryStream(csv), profiler);
        return profiler.Complete();
    }

    /// <summary>Profiling plus every check and the contract: what a run's validation stage does.</summary>
    [Benchmark]
    public ValidationReport Validate() =>
        new DatasetValidator(Options.Create(new ValidationOptions())).Validate(new MemoryStream(csv), specJson: null);
}
