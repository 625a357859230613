using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Training;

namespace Mlops.Core.Serving;

/// <summary>
/// A loaded model version answering single rows. Thread-safe: share one per version. Load it with the schema
/// it was trained with (the manifest's), which says how to read each feature.
/// </summary>
public sealed class ModelPredictor : IDisposable
{
    private readonly FeatureLayout layout;
    private readonly Func<FeatureRow, Prediction> score;
    private readonly IDisposable engine;
    private readonly MLContext ml;
    private readonly ITransformer model;
    private volatile bool disposed;

    private ModelPredictor(FeatureLayout layout, Func<FeatureRow, Prediction> score, IDisposable engine, MLContext ml, ITransformer model)
    {
        this.layout = layout;
        this.score = score;
        this.engine = engine;
        this.ml = ml;
        this.model = model;
    }

    public DatasetSchema Schema => layout.Schema;

    internal FeatureLayout Layout => layout;

    internal MLContext Context => ml;

    public static ModelPredictor Load(BinaryData modelZip, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        var layout = FeatureLayout.For(schema);

        // Scoring draws no random numbers; the seed only keeps the context's behaviour fixed.
        var ml = new MLContext(seed: 0);
        var model = ModelZip.Load(ml, modelZip);
        var predictor = schema.Task switch
        {
            MlTask.BinaryClassification => Create<BinaryScoredRow>(ml, model, layout, Binary),
            MlTask.MulticlassClassification => Create<MulticlassScoredRow>(ml, model, layout, Multiclass),
            _ => Create<RegressionScoredRow>(ml, model, layout, (_, scored) => Regression(scored)),
        };

        try
        {
            // Score an all-missing row now, so a model that does not fit its schema fails here and not on a request.
            predictor.score(layout.CreateRow());
            return predictor;
        }
        catch (ArgumentException e)
        {
            predictor.Dispose();
            throw new InvalidDataException($"The model.zip does not fit the schema it was loaded with: {e.Message}", e);
        }
        catch
        {
            predictor.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores one row. Unknown extra features are ignored; a missing feature, or a value of the wrong type, throws
    /// <see cref="Errors.MlopsException"/> naming it; null is a missing value, imputed as in training.
    /// </summary>
    public Prediction Predict(IReadOnlyDictionary<string, JsonElement> features)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return score(JsonFeatureRows.Read(layout, features));
    }

    /// <summary>
    /// The model's output columns over many rows in one pass (batch scoring): one Transform over a view of the rows
    /// costs a fraction of a prediction engine call per row, which copies each row in and out on its own.
    /// </summary>
    internal IDataView Transform(IEnumerable<FeatureRow> rows)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return model.Transform(ml.Data.LoadFromEnumerable(rows, layout.CreateInputDefinition()));
    }

    public void Dispose()
    {
        disposed = true;
        engine.Dispose();
    }

    private static ModelPredictor Create<TScored>(MLContext ml, ITransformer model, FeatureLayout layout, Func<DatasetSchema, TScored, Prediction> convert)
        where TScored : class, new()
    {
        var pooled = new PooledPredictionEngine<TScored>(ml, model, layout.CreateInputDefinition());
        Func<TScored, Prediction> read = scored => convert(layout.Schema, scored);
        return new ModelPredictor(layout, row => pooled.Predict(row, read), pooled, ml, model);
    }

    private static Prediction Binary(DatasetSchema schema, BinaryScoredRow scored)
    {
        // FastTree's calibrator is a sigmoid through 0, so PredictedLabel agrees with Probability >= 0.5; the
        // label is ML.NET's decision so that serving and the holdout accuracy can never disagree.
        var positive = scored.Probability;
        var probabilities = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [schema.ClassLabels[0]] = Widen(1f - positive),
            [schema.ClassLabels[1]] = Widen(positive),
        };
        return new Prediction(schema.ClassLabels[scored.PredictedLabel ? 1 : 0], Widen(positive), probabilities);
    }

    private static Prediction Multiclass(DatasetSchema schema, MulticlassScoredRow scored)
    {
        if (scored.Score.Length != schema.ClassLabels.Count)
        {
            throw new InvalidDataException($"The model scores {scored.Score.Length} classes but its schema lists {schema.ClassLabels.Count}.");
        }

        var probabilities = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < schema.ClassLabels.Count; i++)
        {
            probabilities[schema.ClassLabels[i]] = Widen(scored.Score[i]);
        }

        return new Prediction(scored.PredictedLabel, Widen(scored.Score.Max()), probabilities);
    }

    private static Prediction Regression(RegressionScoredRow scored) =>
        new(scored.Score.ToString(CultureInfo.InvariantCulture), Widen(scored.Score), null);

    /// <summary>
    /// The double that prints as the float does (0.8f becomes 0.8, not 0.800000011920929), so answers read as the
    /// model computed them.
    /// </summary>
    internal static double Widen(float value)
    {
        // Shortest round-trip text of the float, parsed as a double, on the stack: no string per probability.
        Span<char> text = stackalloc char[32];
        return value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture)
            ? double.Parse(text[..written], CultureInfo.InvariantCulture)
            : value;
    }
}
