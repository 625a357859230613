using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using Mlops.Core.Training.Ensembles;
using Mlops.Core.Training.Search;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training.Ensembles;

/// <summary>The ensemble on data whose structure says whether averaging two trainers should help.</summary>
public class EnsembleTrainerTests
{
    private static readonly TrialSettings Regression = new(42, 0.2, 5, 5, MetricNames.Rmse, false, 100);
    private static readonly TrialSettings Multiclass = new(42, 0.2, 5, 5, MetricNames.MacroF1, false, 100);
    private readonly TrialRunner runner = new(TimeProvider.System);

    [Fact]
    public void Train_LinearAndInteractionParts_BlendsTheLinearModelWithTheTrees_AndKeepsTheBlend()
    {
        var data = Additive(rows: 600, seed: 3, linearWeight: 1);
        var (winner, partner) = Trials(data, "SdcaRegression", "LightGbmRegression");

        var outcome = EnsembleTrainer.Train(data, Regression, winner, [partner]);

        Assert.True(outcome.Decision.Kept, outcome.Decision.Reason);
        Assert.Equal([winner.Index, partner.Index], outcome.Decision.Members);
        Assert.InRange(outcome.Decision.Weight!.Value, 0.05, 0.95);
        Assert.True(outcome.Decision.Blended < outcome.Decision.Alone, outcome.Decision.Reason);

        // The blend, refitted and scored on the run's holdout, beats the winner refitted alone on the same rows.
        var single = new ModelTrainer(TestSchemas.DefaultOptions).Train(data, winner.Configuration, Regression);
        var model = outcome.Model!;
        Assert.Equal("Ensemble(SdcaRegression, LightGbmRegression)", model.Trainer);
        Assert.True(model.Metrics[MetricNames.Rmse] < single.Metrics[MetricNames.Rmse], $"blend {model.Metrics[MetricNames.Rmse]}, alone {single.Metrics[MetricNames.Rmse]}");
        Assert.Equal("SdcaRegression", model.Parameters["member0.trainer"]);
        Assert.Equal("LightGbmRegression", model.Parameters["member1.trainer"]);
    }

    [Fact]
    public void Train_KeptBlend_ServesAsOneModel_WithTheWeightedAverageOfItsMembers()
    {
        var data = Additive(rows: 600, seed: 3, linearWeight: 1);
        var (winner, partner) = Trials(data, "SdcaRegression", "LightGbmRegression");
        var outcome = EnsembleTrainer.Train(data, Regression, winner, [partner]);
        var weight = outcome.Decision.Weight!.Value;
        var trainer = new ModelTrainer(TestSchemas.DefaultOptions);
        using var blend = ModelPredictor.Load(outcome.Model!.ModelZip, data.Schema);
        using var first = ModelPredictor.Load(trainer.Train(data, winner.Configuration, Regression).ModelZip, data.Schema);
        using var second = ModelPredictor.Load(trainer.Train(data, partner.Configuration, Regression).ModelZip, data.Schema);

        for (var i = 0; i < 20; i++)
        {
            var features = Enumerable.Range(0, 8).ToDictionary(
                j => "x" + j.ToString(CultureInfo.InvariantCulture),
                j => JsonSerializer.SerializeToElement((((i * 7) + (j * 3)) % 11 / 5.0) - 1),
                StringComparer.Ordinal);
            var expected = (weight * first.Predict(features).Score!.Value) + ((1 - weight) * second.Predict(features).Score!.Value);
            Assert.Equal(expected, blend.Predict(features).Score!.Value, 3);
        }
    }

    [Fact]
    public void Train_APartnerThatAddsNothing_IsNotKept()
    {
        // A pure interaction: the linear model learns nothing the trees lack, so no weight on it helps out of fold.
        var data = Additive(rows: 600, seed: 5, linearWeight: 0);
        var (winner, partner) = Trials(data, "LightGbmRegression", "SdcaRegression");

        var outcome = EnsembleTrainer.Train(data, Regression, winner, [partner]);

        Assert.False(outcome.Decision.Kept, outcome.Decision.Reason);
        Assert.Null(outcome.Model);
        Assert.Contains("not kept", outcome.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_BinaryBlend_KeepsProbabilitiesAndLabelsConsistent()
    {
        var data = SampleDatasets.Load(SampleDatasets.BreastCancer).Typed(TestSchemas.ForSample(SampleDatasets.BreastCancer));
        var settings = new TrialSettings(42, 0.2, 5, 5, MetricNames.Auc, false, 100);
        var winner = runner.Run(data, settings, Request(0, "LbfgsLogisticRegression"));
        var partner = runner.Run(data, settings, Request(1, "FastTreeBinary"));
        var decision = EnsembleTrainer.Judge(data, settings, winner, [partner]);

        // Whichever way the verdict goes, both figures are the members' out-of-fold AUCs on the same folds.
        Assert.Equal(winner.Metrics[MetricNames.Auc], decision.Alone, 2);
        Assert.NotNull(decision.Blended);
        Assert.InRange(decision.Blended!.Value, 0.95, 1);
    }

    [Fact]
    public void Blend_Binary_HoldoutLabelMetricsFollowTheBlendedProbabilityAtOneHalf()
    {
        // ML.NET's evaluator labels a row by Score > 0: a blend whose Score were its probability would be counted as
        // predicting the positive class everywhere (recall 1, accuracy the positive share) while serving answers right.
        var data = SampleDatasets.Load(SampleDatasets.BreastCancer).Typed(TestSchemas.ForSample(SampleDatasets.BreastCancer));
        var settings = new TrialSettings(42, 0.2, 5, 5, MetricNames.Auc, false, 100);
        var winner = runner.Run(data, settings, Request(0, "LbfgsLogisticRegression"));
        var partner = runner.Run(data, settings, Request(1, "FastTreeBinary"));

        var metrics = EnsembleTrainer.Blend(data, settings, winner, partner, 0.5).Metrics;

        Assert.InRange(metrics[MetricNames.Accuracy], 0.9, 1);
        Assert.InRange(metrics[MetricNames.Recall], 0.85, 0.999);
        Assert.InRange(metrics[MetricNames.Auc], 0.97, 1);
    }

    [Fact]
    public void Judge_Multiclass_BlendsClassProbabilities_OnTheSameFolds()
    {
        var data = SampleDatasets.Load(SampleDatasets.Wine).Typed(TestSchemas.ForSample(SampleDatasets.Wine));
        var winner = runner.Run(data, Multiclass, Request(0, "LbfgsMaximumEntropy"));
        var partner = runner.Run(data, Multiclass, Request(1, "LightGbmMulticlass"));

        var decision = EnsembleTrainer.Judge(data, Multiclass, winner, [partner]);

        Assert.Equal(winner.Metrics[MetricNames.MacroF1], decision.Alone, 2);
        Assert.NotNull(decision.Blended);
        Assert.InRange(decision.Blended!.Value, 0.9, 1);
        Assert.Contains("with LightGbmMulticlass", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Blend_Multiclass_ServesAndLoadsAsOneModel_WithTheWeightedAverageOfItsMembersProbabilities()
    {
        var csv = SampleDatasets.Load(SampleDatasets.Wine);
        var data = csv.Typed(TestSchemas.ForSample(SampleDatasets.Wine));
        var winner = runner.Run(data, Multiclass, Request(0, "LbfgsMaximumEntropy"));
        var partner = runner.Run(data, Multiclass, Request(1, "LightGbmMulticlass"));
        const double weight = 0.3;

        var blended = EnsembleTrainer.Blend(data, Multiclass, winner, partner, weight);

        var trainer = new ModelTrainer(TestSchemas.DefaultOptions);
        using var blend = ModelPredictor.Load(blended.ModelZip, data.Schema);
        using var first = ModelPredictor.Load(trainer.Train(data, winner.Configuration, Multiclass).ModelZip, data.Schema);
        using var second = ModelPredictor.Load(trainer.Train(data, partner.Configuration, Multiclass).ModelZip, data.Schema);
        var features = data.Schema.Features.Select(f => (f.Name, Index: csv.IndexOf(f.Name))).ToArray();
        var disagreements = 0;
        foreach (var row in csv.Rows)
        {
            var request = features.ToDictionary(f => f.Name, f => JsonSerializer.SerializeToElement(double.Parse(row[f.Index], CultureInfo.InvariantCulture)), StringComparer.Ordinal);
            var (a, b, both) = (first.Predict(request), second.Predict(request), blend.Predict(request));
            var expected = data.Schema.ClassLabels.ToDictionary(c => c, c => (weight * a.Probabilities![c]) + ((1 - weight) * b.Probabilities![c]));
            foreach (var (label, probability) in expected)
            {
                Assert.Equal(probability, both.Probabilities![label], 4);
            }

            Assert.Equal(expected.MaxBy(p => p.Value).Key, both.Label);
            disagreements += a.Label == b.Label ? 0 : 1;
        }

        // Rows where the members disagree are where the weights decide: the check above is not only of agreed labels.
        Assert.InRange(disagreements, 1, csv.Rows.Count);

        // The loaded blend is scored by ML.NET's evaluator as a member is (its Score a vector of known size again).
        var evaluated = new ModelEvaluator(TestSchemas.DefaultOptions).Evaluate(blended.ModelZip, data.Schema, data);
        Assert.True(evaluated.Problem is null, evaluated.Problem);
        Assert.InRange(evaluated.Metrics![MetricNames.MacroF1], 0.9, 1);
        Assert.InRange(blended.Metrics[MetricNames.MacroF1], 0.85, 1);
        Assert.Equal("Ensemble(LbfgsMaximumEntropy, LightGbmMulticlass)", blended.Trainer);
    }

    [Fact]
    public void Partners_TheBestTrialOfEachOtherTrainer_BestFirst_AtMostTwo()
    {
        TrialResult[] trials =
        [
            Search.Trials.Completed(0, "A", 0.90), Search.Trials.Completed(1, "B", 0.80), Search.Trials.Completed(2, "B", 0.85),
            Search.Trials.Completed(3, "C", 0.70), Search.Trials.Completed(4, "D", 0.88), Search.Trials.Stopped(5, "E", 0.95),
        ];

        var partners = EnsembleCandidates.Partners(trials, trials[0], "auc");

        Assert.Equal([4, 2], partners.Select(p => p.Index));
    }

    /// <summary>
    /// y = linearWeight * (x0 + ... + x5) + 2 * [x6 > 0 and x7 > 0] + noise: an additive part a linear model fits
    /// exactly and boosted trees only approximate in steps, and an interaction only the trees can fit.
    /// </summary>
    private static Core.Datasets.Columnar.ColumnarDataset Additive(int rows, int seed, double linearWeight)
    {
        var random = new Random(seed);
        var header = Enumerable.Range(0, 8).Select(j => "x" + j.ToString(CultureInfo.InvariantCulture)).Append("label").ToArray();
        var body = new List<string[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var x = Enumerable.Range(0, 8).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var y = (linearWeight * x.Take(6).Sum()) + (x[6] > 0 && x[7] > 0 ? 2 : 0) + (0.3 * ((random.NextDouble() * 2) - 1));
            body.Add([.. x.Append(y).Select(v => v.ToString("R", CultureInfo.InvariantCulture))]);
        }

        var csv = new CsvDataset(header, body);
        return csv.Typed(TestSchemas.Infer(csv, MlTask.Regression));
    }

    private (TrialResult Winner, TrialResult Partner) Trials(Core.Datasets.Columnar.ColumnarDataset data, string winner, string partner) =>
        (runner.Run(data, Regression, Request(0, winner)), runner.Run(data, Regression, Request(1, partner)));

    private static TrialRequest Request(int index, string trainer) =>
        new(index, 0, new TrialConfiguration(trainer, new Dictionary<string, double>()), 1, null);
}
