using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using Mlops.Core.Training.Ensembles;
using Mlops.Core.Training.Search;

namespace Mlops.Benchmarks;

/// <summary>
/// What the blend-serving suites share: an all-numeric sample read as a dataset, members trained with their trainers'
/// defaults and blends of them, each loaded as predict serves it, and the sample's first row as a request's features.
/// </summary>
internal sealed class BlendServingSample : IDisposable
{
    private readonly Dictionary<string, ModelPredictor> predictors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrialResult> members = new(StringComparer.Ordinal);
    private readonly ModelTrainer trainer = new(Options.Create(new TrainingOptions()));
    private readonly DatasetSchema schema;
    private readonly ColumnarDataset data;
    private readonly TrialSettings settings;

    private BlendServingSample(string[] header, string[][] rows, MlTask task, string metric)
    {
        schema = new DatasetSchema([.. header[..^1].Select(c => new ColumnSchema(c, ColumnKind.Numeric))], header[^1], task, [.. rows.Select(r => r[^1]).Distinct().Order(StringComparer.Ordinal)]);
        data = ColumnarDatasetBuilder.From(new CsvDataset(header, rows), schema);
        settings = new TrialSettings(42, 0.2, 5, 5, metric, false, 100);
        FirstRow = header[..^1].Select((c, i) => (c, rows[0][i])).ToDictionary(p => p.c, p => JsonSerializer.SerializeToElement(double.Parse(p.Item2, CultureInfo.InvariantCulture)), StringComparer.Ordinal);
    }

    /// <summary>The sample's first row, features only.</summary>
    public IReadOnlyDictionary<string, JsonElement> FirstRow { get; }

    /// <summary>A model trained and loaded by <see cref="AddMember"/> or <see cref="AddBlend"/>.</summary>
    public ModelPredictor this[string name] => predictors[name];

    /// <summary>Reads samples/{file}, its label the last column and every other column numeric.</summary>
    public static BlendServingSample Load(string file, MlTask task, string metric)
    {
        var lines = File.ReadAllLines(Path.Combine(PredictBenchmarks.RepositoryRoot(), "samples", file));
        return new BlendServingSample(lines[0].Split(','), [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))], task, metric);
    }

    /// <summary>Trains the trainer with its defaults on every row; served under the trainer's name.</summary>
    public void AddMember(string trainerName)
    {
        var trial = new TrialResult(members.Count, 0, new TrialConfiguration(trainerName, new Dictionary<string, double>()), 1, TrialStatus.Completed, new Dictionary<string, double>(), 5, 1, 0, null);
        members[trainerName] = trial;
        predictors[trainerName] = ModelPredictor.Load(trainer.Train(data, trial.Configuration, settings).ModelZip, schema);
    }

    /// <summary>Blends two members added before, <paramref name="weight"/> on the first.</summary>
    public void AddBlend(string name, string first, string second, double weight) =>
        predictors[name] = ModelPredictor.Load(EnsembleTrainer.Blend(data, settings, members[first], members[second], weight).ModelZip, schema);

    public void Dispose()
    {
        foreach (var predictor in predictors.Values)
        {
            predictor.Dispose();
        }
    }
}
