using Microsoft.Extensions.Options;
using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;
using Mlops.Core.Training;

namespace Mlops.Core.Evaluation;

/// <summary>Scores saved models (a challenger, the champion, any two versions) on the holdout of a dataset.</summary>
public sealed class ModelEvaluator(IOptions<TrainingOptions> options)
{
    /// <summary>Rows scored for permutation importance: enough for a stable drop, bounded for wide or long data.</summary>
    private const int ImportanceRows = 2000;

    /// <summary>Shuffles per column; their spread is reported beside the mean.</summary>
    private const int ImportanceRepeats = 3;

    /// <summary>
    /// Scores <paramref name="modelZip"/>, read under <paramref name="modelSchema"/>, on the holdout rows of
    /// <paramref name="data"/> split under its own schema with the trainer's seed and fraction, so both models meet the
    /// same rows. When the model cannot read this data the result carries the reason instead of metrics: an
    /// incompatible champion is a finding, not a fault.
    /// </summary>
    public EvaluationResult Evaluate(BinaryData modelZip, DatasetSchema modelSchema, ColumnarDataset data)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ArgumentNullException.ThrowIfNull(modelSchema);
        ArgumentNullException.ThrowIfNull(data);
        var settings = options.Value;
        var ml = new MLContext(settings.Seed);
        var holdout = HoldoutSplit.Split(data, settings.HoldoutFraction, settings.Seed).Holdout;
        var loaded = Load(ml, modelZip, modelSchema, data, holdout);
        if (loaded.Problem is not null)
        {
            return EvaluationResult.Failed(loaded.Problem);
        }

        return Guard(() => new EvaluationResult(HoldoutMetrics.Compute(ml, loaded.Model!, loaded.Layout!, loaded.Rows!), null), EvaluationResult.Failed);
    }

    /// <summary>The holdout of <paramref name="data"/> as the trainer split it (its seed and fraction).</summary>
    public HoldoutSet Holdout(ColumnarDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var settings = options.Value;
        var (training, holdout) = HoldoutSplit.Split(data, settings.HoldoutFraction, settings.Seed);
        var labels = new double[training.Length];
        for (var i = 0; i < training.Length; i++)
        {
            labels[i] = data.Label switch
            {
                NumberColumn numbers => numbers.Values[training[i]],
                CodedColumn classes => classes.Codes[training[i]],
                _ => double.NaN,
            };
        }

        return new HoldoutSet(data, holdout, labels);
    }

    /// <summary>
    /// Each holdout row's output from <paramref name="modelZip"/> (read under <paramref name="modelSchema"/>), with
    /// classes mapped onto the data's, or the reason it could not score them.
    /// </summary>
    public ModelScoring Score(BinaryData modelZip, DatasetSchema modelSchema, HoldoutSet holdout)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ArgumentNullException.ThrowIfNull(modelSchema);
        ArgumentNullException.ThrowIfNull(holdout);
        var ml = new MLContext(options.Value.Seed);
        var loaded = Load(ml, modelZip, modelSchema, holdout.Data, holdout.Rows);
        return loaded.Problem is not null
            ? ModelScoring.Failed(loaded.Problem)
            : Guard(() => new ModelScoring(HoldoutScoring.Score(ml, loaded.Model!, loaded.Layout!, loaded.Rows!, holdout.Schema.Task, holdout.Schema.ClassLabels), null), ModelScoring.Failed);
    }

    /// <summary>
    /// Permutation importance of each input column for <paramref name="metric"/>: the column's holdout values are
    /// shuffled (seeded) across rows and the model scored again. Columns, not encoded slots, so it reads in the data's
    /// own terms whatever the featurization. Empty when the model cannot score the holdout.
    /// </summary>
    public IReadOnlyList<FeatureImportance> Importance(BinaryData modelZip, DatasetSchema modelSchema, HoldoutSet holdout, string metric)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        var seed = options.Value.Seed;
        var rows = holdout.Rows.Count > ImportanceRows ? Sample(holdout.Rows, ImportanceRows, seed) : holdout.Rows;
        var ml = new MLContext(seed);
        var loaded = Load(ml, modelZip, modelSchema, holdout.Data, rows);
        if (loaded.Problem is not null)
        {
            return [];
        }

        var sign = PrimaryMetric.IsHigherBetter(metric) ? 1.0 : -1.0;
        var baseline = Metric(ml, loaded, holdout.Schema, loaded.Rows!, metric);
        var random = new Random(seed);
        var result = new List<FeatureImportance>(modelSchema.Features.Count);
        for (var feature = 0; feature < modelSchema.Features.Count; feature++)
        {
            var drops = new double[ImportanceRepeats];
            for (var r = 0; r < ImportanceRepeats; r++)
            {
                var shuffled = Shuffle(loaded.Layout!, loaded.Rows!, feature, random);
                drops[r] = sign * (baseline - Metric(ml, loaded, holdout.Schema, shuffled, metric));
            }

            var mean = drops.Average();
            var spread = Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, drops.Length - 1));
            result.Add(new FeatureImportance(modelSchema.Features[feature].Name, mean, spread));
        }

        return [.. result.OrderByDescending(f => f.Importance).ThenBy(f => f.Feature, StringComparer.Ordinal)];
    }

    private static double Metric(MLContext ml, Loaded loaded, DatasetSchema dataSchema, List<FeatureRow> rows, string metric)
    {
        var scores = HoldoutScoring.Score(ml, loaded.Model!, loaded.Layout!, rows, dataSchema.Task, dataSchema.ClassLabels);
        return new SampleMetrics(scores).Compute(metric);
    }

    /// <summary>The rows with one feature's values permuted across them (copies: the rows themselves are shared).</summary>
    private static List<FeatureRow> Shuffle(FeatureLayout layout, List<FeatureRow> rows, int feature, Random random)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        random.Shuffle(order);
        var shuffled = new List<FeatureRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var copy = new FeatureRow
            {
                Numeric = (float[])rows[i].Numeric.Clone(),
                Categorical = (string[])rows[i].Categorical.Clone(),
                Text = (string[])rows[i].Text.Clone(),
                LabelText = rows[i].LabelText,
                LabelValue = rows[i].LabelValue,
            };
            layout.CopyFeature(rows[order[i]], copy, feature);
            shuffled.Add(copy);
        }

        return shuffled;
    }

    private static int[] Sample(IReadOnlyList<int> rows, int count, int seed)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(seed).Shuffle(order);
        return [.. order.Take(count).Order().Select(i => rows[i])];
    }

    private static Loaded Load(MLContext ml, BinaryData zip, DatasetSchema modelSchema, ColumnarDataset data, IReadOnlyList<int> rows)
    {
        var dataSchema = data.Schema;
        if (modelSchema.Task != dataSchema.Task)
        {
            return Loaded.Failed($"The model does {Describe(modelSchema.Task)} but this data asks for {Describe(dataSchema.Task)}.");
        }

        if (!string.Equals(modelSchema.Label, dataSchema.Label, StringComparison.Ordinal))
        {
            return Loaded.Failed($"The model predicts '{modelSchema.Label}' but this data's label is '{dataSchema.Label}'.");
        }

        FeatureLayout layout;
        List<FeatureRow> features;
        try
        {
            layout = FeatureLayout.For(modelSchema);
            features = TableFeatureRows.Read(layout, data, rows);
        }
        catch (MlopsException e)
        {
            return Loaded.Failed(e.Message);
        }

        try
        {
            return new Loaded(ModelZip.Load(ml, zip), layout, features, null);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException)
        {
            return Loaded.Failed($"The model.zip could not be loaded: {e.Message}");
        }
    }

    private static T Guard<T>(Func<T> score, Func<string, T> failed)
    {
        try
        {
            return score();
        }
        catch (MlopsException e)
        {
            return failed(e.Message);
        }
        catch (ArgumentException e)
        {
            // ML.NET's answer when the zip's input schema disagrees with the manifest's (a column's type or size).
            return failed($"The model's saved input does not match its schema: {e.Message}");
        }
    }

    private static string Describe(MlTask task) => task switch
    {
        MlTask.BinaryClassification => "binary classification",
        MlTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };

    private sealed record Loaded(ITransformer? Model, FeatureLayout? Layout, List<FeatureRow>? Rows, string? Problem)
    {
        public static Loaded Failed(string problem) => new(null, null, null, problem);
    }
}
