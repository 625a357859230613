using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using Mlops.Core.Training.Ensembles;
using Mlops.Core.Training.Search;

namespace Mlops.Benchmarks;

/// <summary>
/// One row scored by a multiclass blend on digits (10 classes, 64 features) against its members alone: one-versus-all
/// boosted trees (the slower member, the baseline) and multinomial logistic regression, the pair the search keeps on
/// digits. The blend adds its own step (the weighted sum and the argmax) to both members' work.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MulticlassEnsembleServingBenchmarks : IDisposable
{
    private readonly Dictionary<string, ModelPredictor> predictors = new(StringComparer.Ordinal);
    private Dictionary<string, JsonElement> features = [];

    [GlobalSetup]
    public void Setup()
    {
        var lines = File.ReadAllLines(Path.Combine(PredictBenchmarks.RepositoryRoot(), "samples", "digits.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var schema = new DatasetSchema([.. header[..^1].Select(c => new ColumnSchema(c, ColumnKind.Numeric))], header[^1], MlTask.MulticlassClassification, [.. rows.Select(r => r[^1]).Distinct().Order(StringComparer.Ordinal)]);
        var data = ColumnarDatasetBuilder.From(new CsvDataset(header, rows), schema);
        var settings = new TrialSettings(42, 0.2, 5, 5, "macroF1", false, 100);
        var trainer = new ModelTrainer(Options.Create(new TrainingOptions()));
        var trees = Trial(0, "OneVersusAllFastTree");
        var linear = Trial(1, "LbfgsMaximumEntropy");
        foreach (var trial in new[] { trees, linear })
        {
            predictors[trial.Configuration.Trainer] = ModelPredictor.Load(trainer.Train(data, trial.Configuration, settings).ModelZip, schema);
        }

        predictors["Blend"] = ModelPredictor.Load(EnsembleTrainer.Blend(data, settings, trees, linear, 0.55).ModelZip, schema);
        features = header[..^1].Select((c, i) => (c, rows[0][i])).ToDictionary(p => p.c, p => JsonSerializer.SerializeToElement(double.Parse(p.Item2, CultureInfo.InvariantCulture)), StringComparer.Ordinal);
    }

    /// <summary>One-versus-all FastTree alone: the slower member.</summary>
    [Benchmark(Baseline = true)]
    public string OneVersusAllFastTree() => predictors["OneVersusAllFastTree"].Predict(features).Label;

    [Benchmark]
    public string MaximumEntropy() => predictors["LbfgsMaximumEntropy"].Predict(features).Label;

    /// <summary>Both members, their weighted probabilities summed and the largest class answered.</summary>
    [Benchmark]
    public string Blend() => predictors["Blend"].Predict(features).Label;

    public void Dispose()
    {
        foreach (var predictor in predictors.Values)
        {
            predictor.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private static TrialResult Trial(int index, string trainer) =>
        new(index, 0, new TrialConfiguration(trainer, new Dictionary<string, double>()), 1, TrialStatus.Completed, new Dictionary<string, double>(), 5, 1, 0, null);
}
