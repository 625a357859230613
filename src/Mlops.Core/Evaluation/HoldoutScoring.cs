using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Serving;
using Mlops.Core.Training;

namespace Mlops.Core.Evaluation;

/// <summary>Scores holdout rows with a model and keeps each row's output against the truth (<see cref="HoldoutScores"/>).</summary>
internal static class HoldoutScoring
{
    /// <summary>
    /// <paramref name="truth"/> is the class list of the data being scored, which may differ from the model's own
    /// (a class new to the data): the model's outputs are mapped onto it by name, so two models meet on one index.
    /// </summary>
    public static HoldoutScores Score(MLContext ml, ITransformer model, FeatureLayout layout, IReadOnlyList<FeatureRow> rows, MlTask task, IReadOnlyList<string> truth) =>
        Read(ml, model.Transform(ml.Data.LoadFromEnumerable(rows, layout.CreateInputDefinition())), layout, rows, task, truth);

    /// <summary>The outputs of rows a model has already scored (<paramref name="scored"/>, in the order of <paramref name="rows"/>).</summary>
    public static HoldoutScores Read(MLContext ml, IDataView scored, FeatureLayout layout, IReadOnlyList<FeatureRow> rows, MlTask task, IReadOnlyList<string> truth)
    {
        var n = rows.Count;
        var predicted = new double[n];
        if (task == MlTask.Regression)
        {
            var i = 0;
            foreach (var row in ml.Data.CreateEnumerable<RegressionScoredRow>(scored, reuseRowObject: true))
            {
                predicted[i++] = row.Score;
            }

            return new HoldoutScores(task, [], [.. rows.Select(r => (double)r.LabelValue)], predicted, null);
        }

        var modelClasses = layout.Schema.ClassLabels;
        var map = modelClasses.Select(c => IndexOf(truth, c)).ToArray();
        var labels = rows.Select(r => (double)IndexOf(truth, r.LabelText)).ToArray();
        var probabilities = new double[n][];
        double[]? ranking = null;
        if (task == MlTask.BinaryClassification)
        {
            // A model's score ranks its own positive class; when that is the data's negative one (the spec named the
            // other class positive after it was trained), it ranks the data's positive class in reverse.
            var reversed = map[1] == 0;
            ranking = new double[n];
            var i = 0;
            foreach (var row in ml.Data.CreateEnumerable<BinaryScoredRow>(scored, reuseRowObject: true))
            {
                var p = new double[truth.Count];
                Put(p, map[0], 1.0 - row.Probability);
                Put(p, map[1], row.Probability);
                probabilities[i] = p;
                ranking[i] = reversed ? -row.Score : row.Score;
                predicted[i++] = map[row.PredictedLabel ? 1 : 0];
            }
        }
        else
        {
            var i = 0;
            foreach (var row in ml.Data.CreateEnumerable<MulticlassScoredRow>(scored, reuseRowObject: false))
            {
                var p = new double[truth.Count];
                for (var k = 0; k < row.Score.Length && k < map.Length; k++)
                {
                    Put(p, map[k], row.Score[k]);
                }

                probabilities[i] = p;
                predicted[i++] = IndexOf(truth, row.PredictedLabel);
            }
        }

        return new HoldoutScores(task, truth, labels, predicted, probabilities) { Ranking = ranking };
    }

    /// <summary>-1 when absent: a prediction of a class the data lacks matches no row's truth.</summary>
    internal static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (string.Equals(classes[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Put(double[] probabilities, int index, double value)
    {
        if (index >= 0)
        {
            probabilities[index] = value;
        }
    }
}
