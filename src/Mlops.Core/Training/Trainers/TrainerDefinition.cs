using Microsoft.ML;
using Microsoft.ML.Data;
using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;

namespace Mlops.Core.Training.Trainers;

/// <summary>
/// One ML.NET trainer a search may choose: the hyperparameters it searches, their defaults and how the estimator is
/// built. Every trainer runs on one thread with a fixed seed: parallel tree, SDCA and LightGbm training are not
/// reproducible, and a search scales out by running trials side by side instead.
/// </summary>
internal sealed class TrainerDefinition
{
    public required string Name { get; init; }

    public required MlTask Task { get; init; }

    public required IReadOnlyList<HyperParameter> Space { get; init; }

    /// <summary>The library's (or our tuned) defaults: the first point a search tries.</summary>
    public required IReadOnlyDictionary<string, double> Defaults { get; init; }

    /// <summary>
    /// True for FastTree and FastForest: at every split they scan the histogram of every feature they could not group
    /// (one-hot columns, which never share a row, are grouped; text n-grams and numeric columns are not), so their time
    /// grows with the number of such features where LightGbm's and a linear model's grow with the values present.
    /// <see cref="Search.TrainerChoice"/> leaves them out of searches over text or very many numeric features.
    /// </summary>
    public bool SlotBound { get; init; }

    /// <summary>
    /// True for a trainer whose loss fits only a regression label that is never negative and skewed to the right (the
    /// Tweedie loss, where the spread grows with the mean): <see cref="Search.TrainerChoice"/> searches it only there.
    /// </summary>
    public bool SkewedLabelsOnly { get; init; }

    /// <summary>Linear models need scaled inputs; trees split on ranks and do not.</summary>
    public bool NeedsNormalization { get; init; }

    /// <summary>Builds the trainer alone, reading the label, <see cref="FeaturePipeline.Features"/> and, when given, the weight column.</summary>
    public required Func<MLContext, TrainerInputs, IEstimator<ITransformer>> Create { get; init; }

    /// <summary>
    /// How big the fitted model is (leaves over all trees, or one per linear model), for a given configuration and
    /// class count: the tie-breaker that prefers the cheaper of two equally good models.
    /// </summary>
    public required Func<ParameterValues, int, double> Size { get; init; }

    /// <summary>The estimator to append after the featurization: scaling when needed, the trainer, label decoding.</summary>
    public IEstimator<ITransformer> Build(MLContext ml, TrainerInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var trainer = Create(ml, inputs);

        // Iterative optimizers pass over the data many times: cache the featurized rows once. The checkpoint must sit in
        // the same chain as the trainer: ML.NET caches only between a chain's own steps, so a checkpoint that ends a
        // nested chain (what appending to an IEstimator makes) is dropped, and every pass re-ran the featurization.
        // Each slot is mapped onto [0, 1] from its own minimum: ML.NET's default keeps zero fixed and divides by the
        // largest magnitude, which squeezes a year or an air pressure into a sliver near 1 whose weight the penalty then
        // flattens. Slots whose minimum is zero (one-hot, n-grams, missing flags) keep their zeros and stay sparse.
        IEstimator<ITransformer> chain = NeedsNormalization
            ? ml.Transforms.NormalizeMinMax(FeaturePipeline.Features, fixZero: false).AppendCacheCheckpoint(ml).Append(trainer)
            : trainer;
        return Task == MlTask.MulticlassClassification
            ? chain.Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            : chain;
    }

    /// <summary>The configuration's values with every parameter the trainer has, defaults filling the gaps.</summary>
    public ParameterValues Resolve(IReadOnlyDictionary<string, double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var unknown = parameters.Keys.Where(k => !Defaults.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"{Name} has no hyperparameter {string.Join(", ", unknown)}; it has {string.Join(", ", Defaults.Keys)}.", nameof(parameters));
        }

        var values = new Dictionary<string, double>(Defaults, StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        return new ParameterValues(values);
    }
}
