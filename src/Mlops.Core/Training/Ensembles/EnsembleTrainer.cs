using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Evaluation;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Ensembles;

/// <summary>
/// Tries the search's winner averaged with each partner (<see cref="EnsembleCandidates"/>): the members' out-of-fold
/// predictions are blended with a weight (<see cref="WeightedBlend"/>) chosen cross-fitted (on the other folds' rows,
/// then scored on each fold's), and the blend is judged against the winner alone scored the same way. The best pair is
/// kept only when it wins by more than a tie; then both members are refitted on all training rows and become one ML.NET
/// model: each member, its output copied aside, and an expression that averages them with the weight chosen on all rows
/// (for class probabilities, <see cref="MulticlassBlendMapping"/>).
/// </summary>
public static class EnsembleTrainer
{
    private const string MemberOutput = "EnsembleMember";

    /// <summary>Judges the blends and, when one is kept, trains it on all training rows and scores it on the holdout.</summary>
    /// <param name="data">The validated dataset, typed by its schema.</param>
    /// <param name="settings">The search's settings: the same folds, seed and mitigations as its trials.</param>
    /// <param name="winner">The search's selected trial.</param>
    /// <param name="partners">From <see cref="EnsembleCandidates.Partners"/>.</param>
    /// <param name="parallelism">Members whose out-of-fold predictions are computed at once (each fits on one thread).</param>
    /// <param name="cancellationToken">Honoured between fits.</param>
    public static EnsembleOutcome Train(ColumnarDataset data, TrialSettings settings, TrialResult winner, IReadOnlyList<TrialResult> partners, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        var decision = Judge(data, settings, winner, partners, parallelism, cancellationToken);
        if (!decision.Kept)
        {
            return new EnsembleOutcome(decision, null);
        }

        TrialResult[] members = [winner, partners.Single(p => p.Index == decision.Members[1])];
        return new EnsembleOutcome(decision, Refit(data, settings, members, decision.Weight!.Value, cancellationToken));
    }

    /// <summary>Only the verdict: what <see cref="Train"/> decides, without the refit.</summary>
    public static EnsembleDecision Judge(ColumnarDataset data, TrialSettings settings, TrialResult winner, IReadOnlyList<TrialResult> partners, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(winner);
        ArgumentNullException.ThrowIfNull(partners);
        var metric = settings.Metric;
        var name = PrimaryMetric.DisplayName(metric);
        if (partners.Count == 0)
        {
            return NotKept(winner, metric, "No ensemble: no other trainer completed a trial on the winner's budget.");
        }

        if (settings.ValidationFolds < 2)
        {
            return NotKept(winner, metric, "No ensemble: the search scored one holdout fold, which leaves too few out-of-fold rows to choose a blend's weight on some rows and judge it on others.");
        }

        var layout = FeatureLayout.For(data.Schema);
        var split = new FoldSplit(data, settings);
        TrialResult[] candidates = [winner, .. partners];
        var computed = new float[candidates.Length][][];
        Parallel.For(0, candidates.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, c =>
            computed[c] = OutOfFoldPredictions.Compute(split, layout, candidates[c].Configuration, settings, winner.Budget, cancellationToken));

        var truth = split.TrainingPart.Select(i => split.Rows[i]).ToList();
        var folds = Enumerable.Range(0, settings.Folds)
            .Select(f => (Scored: Positions(split, p => split.FoldOf(p) == f), Fit: Positions(split, p => split.FoldOf(p) != f)))
            .ToList();
        var all = Positions(split, _ => true);
        double? alone = null;
        (TrialResult Partner, double Metric, double Weight)? best = null;
        var tried = new List<string>();
        for (var p = 0; p < partners.Count; p++)
        {
            var blend = new WeightedBlend(data.Schema, truth, computed[0], computed[p + 1]);
            alone ??= folds.Average(f => blend.Metric(metric, 1, f.Scored));
            var blended = folds.Average(f => blend.Metric(metric, blend.Best(metric, f.Fit), f.Scored));
            var weight = blend.Best(metric, all);
            tried.Add(string.Create(CultureInfo.InvariantCulture, $"with {partners[p].Configuration.Trainer} (trial {partners[p].Index}) {blended:0.####}"));
            if (double.IsFinite(blended) && (best is null || TrialRanking.IsWorse(best.Value.Metric, blended, metric)))
            {
                best = (partners[p], blended, weight);
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{winner.Configuration.Trainer} (trial {winner.Index}) alone {alone:0.####}; blended {string.Join(", ", tried)}");
        if (best is not { } chosen || alone is not { } single || !WinsBeyondTie(chosen.Metric, single, metric) || chosen.Weight >= 1)
        {
            return NotKept(winner, metric, $"Ensemble not kept: no blend beat the winner alone by more than a tie on the same folds ({name}: {summary}).", alone, best?.Metric, best?.Partner);
        }

        return new EnsembleDecision(
            [winner.Index, chosen.Partner.Index],
            [winner.Configuration.Trainer, chosen.Partner.Configuration.Trainer],
            metric,
            chosen.Metric,
            single,
            true,
            string.Create(CultureInfo.InvariantCulture, $"Ensemble kept: {winner.Configuration.Trainer} weighted {chosen.Weight:0.##} and {chosen.Partner.Configuration.Trainer} {1 - chosen.Weight:0.##} beat the winner alone on the same folds ({name}: {summary})."))
        {
            Weight = chosen.Weight,
        };
    }

    private static bool WinsBeyondTie(double blended, double alone, string metric) =>
        TrialRanking.IsWorse(alone, blended, metric) && Math.Abs(blended - alone) > TrialRanking.TieTolerance(alone);

    private static EnsembleDecision NotKept(TrialResult winner, string metric, string reason, double? alone = null, double? blended = null, TrialResult? partner = null) => new(
        partner is null ? [] : [winner.Index, partner.Index],
        partner is null ? [] : [winner.Configuration.Trainer, partner.Configuration.Trainer],
        metric,
        blended,
        alone ?? winner.Metrics[metric],
        false,
        reason);

    private static List<int> Positions(FoldSplit split, Func<int, bool> keep) =>
        [.. Enumerable.Range(0, split.TrainingPart.Length).Where(keep)];

    /// <summary>The blend of two trials with a given weight, whatever a verdict would say: for benchmarks of its serving cost.</summary>
    internal static TrainedModel Blend(ColumnarDataset data, TrialSettings settings, TrialResult first, TrialResult second, double weight) =>
        Refit(data, settings, [first, second], weight, CancellationToken.None);

    /// <summary>Both members refitted on all training rows and averaged by an expression: one model.zip.</summary>
    private static TrainedModel Refit(ColumnarDataset data, TrialSettings settings, TrialResult[] members, double weight, CancellationToken cancellationToken)
    {
        var schema = data.Schema;
        var layout = FeatureLayout.For(schema);
        var ml = new MLContext(settings.Seed);
        var (trainingPart, holdoutPart) = HoldoutSplit.Split(data, settings.HoldoutFraction, settings.Seed);
        var rows = TableFeatureRows.All(data);
        var training = trainingPart.Select(i => rows[i]).ToList();
        var holdout = holdoutPart.Select(i => rows[i]).ToList();
        var output = schema.Task == MlTask.BinaryClassification ? "Probability" : "Score";

        var chain = new List<ITransformer>();
        IDataView view = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), layout.CreateInputDefinition());
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var m = 0; m < members.Length; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var configuration = members[m].Configuration;
            var trainer = TrainerCatalog.Find(schema.Task, configuration.Trainer);
            var resolved = trainer.Resolve(configuration.Parameters);
            // Each member in a context of its own, seeded alike: the model its trial refitted alone would be.
            var member = ModelFit.Fit(new MLContext(settings.Seed), layout, trainer, resolved, training, settings);
            var copy = ml.Transforms.CopyColumns(MemberOutput + m.ToString(CultureInfo.InvariantCulture), output).Fit(member.Transform(view));
            Add(chain, ref view, member);
            Add(chain, ref view, copy);
            parameters[FormattableString.Invariant($"member{m}.trainer")] = configuration.Trainer;
            parameters[FormattableString.Invariant($"member{m}.trial")] = members[m].Index.ToString(CultureInfo.InvariantCulture);
            foreach (var (key, value) in resolved.All)
            {
                parameters[FormattableString.Invariant($"member{m}.{key}")] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        var average = string.Create(CultureInfo.InvariantCulture, $"(a, b) => a * {weight:R} + b * {1 - weight:R}");
        var first = MemberOutput + "0";
        var second = MemberOutput + "1";
        if (schema.Task == MlTask.BinaryClassification)
        {
            // The score is the averaged probability's log-odds, not the probability itself: ML.NET's evaluator labels
            // a row by Score > 0 (as every calibrated trainer's margin reads), which is the probability above one half.
            // Clipped so that a saturated member cannot make it infinite; AUC ranks by it all the same.
            Add(chain, ref view, ml.Transforms.Expression("Probability", average, first, second).Fit(view));
            Add(chain, ref view, ml.Transforms.Expression("Score", "p => ln(max(p, 1e-7) / max(1 - p, 1e-7))", "Probability").Fit(view));
            Add(chain, ref view, ml.Transforms.Expression("PredictedLabel", "p => p > 0.5", "Probability").Fit(view));
        }
        else if (schema.Task == MlTask.MulticlassClassification)
        {
            // An expression reads one vector at most: each member's probabilities are weighted alone, then summed (and
            // the largest class picked) by the blend's own step; the class index becomes its label as the members' do.
            Add(chain, ref view, ml.Transforms.Expression(MulticlassBlendMapping.FirstColumn, string.Create(CultureInfo.InvariantCulture, $"a => a * {weight:R}"), first).Fit(view));
            Add(chain, ref view, ml.Transforms.Expression(MulticlassBlendMapping.SecondColumn, string.Create(CultureInfo.InvariantCulture, $"b => b * {1 - weight:R}"), second).Fit(view));
            Add(chain, ref view, MulticlassBlendMapping.Estimator(ml, schema.ClassLabels.Count).Fit(view));
            var labels = schema.ClassLabels.Select((label, index) => new KeyValuePair<int, string>(index, label));
            Add(chain, ref view, ml.Transforms.Conversion.MapValue("PredictedLabel", labels, MulticlassBlendMapping.ClassColumn).Fit(view));
        }
        else
        {
            Add(chain, ref view, ml.Transforms.Expression("Score", average, first, second).Fit(view));
        }

        var model = new TransformerChain<ITransformer>([.. chain]);
        var metrics = HoldoutMetrics.Compute(ml, model, layout, holdout);
        parameters["weight"] = weight.ToString(CultureInfo.InvariantCulture);
        parameters["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture);
        parameters["holdoutFraction"] = settings.HoldoutFraction.ToString(CultureInfo.InvariantCulture);
        var name = $"Ensemble({string.Join(", ", members.Select(m => m.Configuration.Trainer))})";
        return new TrainedModel(ModelZip.Save(ml, model, ModelFit.InputSchema(ml, layout)), name, parameters, metrics, training.Count, holdout.Count);
    }

    private static void Add(List<ITransformer> chain, ref IDataView view, ITransformer transformer)
    {
        chain.Add(transformer);
        view = transformer.Transform(view);
    }
}
