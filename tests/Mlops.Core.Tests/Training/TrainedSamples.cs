using System.Collections.Concurrent;
using Mlops.Core.Datasets;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

/// <summary>
/// Each sample trained once per test run with the default options. Training is deterministic, so sharing the
/// result is sharing a value, not state.
/// </summary>
internal static class TrainedSamples
{
    private static readonly ConcurrentDictionary<string, Lazy<Trained>> Cache = new();

    public static Trained Get(string sample) => Cache.GetOrAdd(sample, s => new Lazy<Trained>(() => Train(s))).Value;

    private static Trained Train(string sample)
    {
        var data = SampleDatasets.Load(sample);
        var schema = TestSchemas.ForSample(sample);
        return new Trained(data, schema, new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema)));
    }

    internal sealed record Trained(CsvDataset Data, DatasetSchema Schema, TrainedModel Model)
    {
        public IReadOnlyList<string[]> Holdout =>
            [.. HoldoutSplit.Split(Data.Typed(Schema), TestSchemas.DefaultOptions.Value.HoldoutFraction, TestSchemas.DefaultOptions.Value.Seed).Holdout.Select(i => Data.Rows[i])];
    }
}
