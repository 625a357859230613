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
/// One row scored by a blended model (Training__Ensemble) against its members scored alone, on breast_cancer: the
/// boosted trees (the slower member, the baseline) and logistic regression, and the blend of the two; then two boosted
/// members, the dearest pair a blend can hold. The bar: a blend no more than twice its slowest member.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EnsembleServingBenchmarks : IDisposable
{
    private readonly Dictionary<string, ModelPredictor> predictors = new(StringComparer.Ordinal);
    private Dictionary<string, JsonElement> features = [];

    [GlobalSetup]
    public void Setup()
    {
        var lines = File.ReadAllLines(Path.Combine(PredictBenchmarks.RepositoryRoot(), "samples", "breast_cancer.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var schema = new DatasetSchema([.. header[..^1].Select(c => new ColumnSchema(c, ColumnKind.Numeric))], header[^1], MlTask.BinaryClassification, [.. rows.Select(r => r[^1]).Distinct().Order(StringComparer.Ordinal)]);
        var data = ColumnarDatasetBuilder.From(new CsvDataset(header, rows), schema);
        var settings = new TrialSettings(42, 0.2, 5, 5, "auc", false, 100);
        var trainer = new ModelTrainer(Options.Create(new TrainingOptions()));
        var trees = Trial(0, "FastTreeBinary");
        var linear = Trial(1, "LbfgsLogisticRegression");
        var boosted = Trial(2, "LightGbmBinary");
        foreach (var trial in new[] { trees, linear, boosted })
        {
            predictors[trial.Configuration.Trainer] = ModelPredictor.Load(trainer.Train(data, trial.Configuration, settings).ModelZip, schema);
        }

        predictors["TreesAndLinear"] = ModelPredictor.Load(EnsembleTrainer.Blend(data, settings, trees, linear, 0.5).ModelZip, schema);
        predictors["TreesAndTrees"] = ModelPredictor.Load(EnsembleTrainer.Blend(data, settings, trees, boosted, 0.5).ModelZip, schema);
        features = header[..^1].Select((c, i) => (c, rows[0][i])).ToDictionary(p => p.c, p => JsonSerializer.SerializeToElement(double.Parse(p.Item2, System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal);
    }

    /// <summary>FastTree alone: the slower member of the first blend.</summary>
    [Benchmark(Baseline = true)]
    public double? FastTree() => predictors["FastTreeBinary"].Predict(features).Score;

    [Benchmark]
    public double? LogisticRegression() => predictors["LbfgsLogisticRegression"].Predict(features).Score;

    [Benchmark]
    public double? LightGbm() => predictors["LightGbmBinary"].Predict(features).Score;

    /// <summary>FastTree and logistic regression blended: one model, both members and the average.</summary>
    [Benchmark]
    public double? BlendTreesAndLinear() => predictors["TreesAndLinear"].Predict(features).Score;

    /// <summary>FastTree and LightGbm blended: two tree ensembles, the dearest kind of pair.</summary>
    [Benchmark]
    public double? BlendTwoTreeModels() => predictors["TreesAndTrees"].Predict(features).Score;

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
