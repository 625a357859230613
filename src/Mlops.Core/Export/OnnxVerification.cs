using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mlops.Core.Datasets;
using Mlops.Core.Serving;
using Mlops.Core.Training;

namespace Mlops.Core.Export;

/// <summary>
/// Scores the same rows with ML.NET and with ONNX Runtime and measures how far apart they land: an export is kept only
/// when a consumer of model.onnx gets the answers the served model gives.
/// </summary>
internal static class OnnxVerification
{
    /// <summary>Scores and probabilities may differ by float rounding, relative to the value once it exceeds 1.</summary>
    public const double Tolerance = 1e-4;

    private const int Batch = 1024;

    public static OnnxCheck Check(InferenceSession session, MLContext ml, ITransformer model, FeatureLayout layout, IReadOnlyList<FeatureRow> rows)
    {
        var expected = Expected(ml, model, layout, rows);
        var actual = Actual(session, layout, rows);
        var task = layout.Schema.Task;
        var difference = 0.0;
        var mismatches = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            for (var k = 0; k < expected.Scores[i].Length; k++)
            {
                difference = Math.Max(difference, Difference(expected.Scores[i][k], actual.Scores[i][k]));
            }

            if (task != MlTask.Regression && !string.Equals(expected.Labels[i], actual.Labels[i], StringComparison.Ordinal))
            {
                mismatches++;
            }
        }

        return new OnnxCheck(rows.Count, difference, Tolerance, mismatches);
    }

    /// <summary>Both NaN is agreement; one NaN is the largest difference there is.</summary>
    private static double Difference(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual) ? 0 : double.PositiveInfinity;
        }

        return Math.Abs(expected - actual) / Math.Max(1.0, Math.Abs(expected));
    }

    private static Outputs Expected(MLContext ml, ITransformer model, FeatureLayout layout, IReadOnlyList<FeatureRow> rows)
    {
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows, layout.CreateInputDefinition()));
        var outputs = new Outputs(rows.Count);
        switch (layout.Schema.Task)
        {
            case MlTask.BinaryClassification:
                foreach (var row in ml.Data.CreateEnumerable<BinaryScoredRow>(scored, reuseRowObject: true))
                {
                    outputs.Add([row.Score, row.Probability], row.PredictedLabel ? "true" : "false");
                }

                break;
            case MlTask.MulticlassClassification:
                foreach (var row in ml.Data.CreateEnumerable<MulticlassScoredRow>(scored, reuseRowObject: false))
                {
                    outputs.Add([.. row.Score.Select(s => (double)s)], row.PredictedLabel);
                }

                break;
            default:
                foreach (var row in ml.Data.CreateEnumerable<RegressionScoredRow>(scored, reuseRowObject: true))
                {
                    outputs.Add([row.Score], string.Empty);
                }

                break;
        }

        return outputs;
    }

    private static Outputs Actual(InferenceSession session, FeatureLayout layout, IReadOnlyList<FeatureRow> rows)
    {
        // A graph with a fixed first dimension takes one row per run; ML.NET's converter leaves it open.
        var batch = session.InputMetadata.Values.All(m => m.Dimensions.Length > 0 && m.Dimensions[0] < 0) ? Batch : 1;
        var outputs = new Outputs(rows.Count);
        for (var start = 0; start < rows.Count; start += batch)
        {
            var count = Math.Min(batch, rows.Count - start);
            var inputs = session.InputMetadata.Keys.Select(name => Input(name, layout, rows, start, count)).ToList();
            using var results = session.Run(inputs);
            Read(results, layout.Schema.Task, count, outputs);
        }

        return outputs;
    }

    private static NamedOnnxValue Input(string name, FeatureLayout layout, IReadOnlyList<FeatureRow> rows, int start, int count)
    {
        switch (name)
        {
            case nameof(FeatureRow.Numeric):
                var numbers = new DenseTensor<float>([count, layout.NumericCount]);
                for (var r = 0; r < count; r++)
                {
                    rows[start + r].Numeric.CopyTo(numbers.Buffer.Span.Slice(r * layout.NumericCount, layout.NumericCount));
                }

                return NamedOnnxValue.CreateFromTensor(name, numbers);
            case nameof(FeatureRow.Categorical):
                return NamedOnnxValue.CreateFromTensor(name, Strings(rows, start, count, layout.CategoricalCount, r => r.Categorical));
            case nameof(FeatureRow.Text):
                return NamedOnnxValue.CreateFromTensor(name, Strings(rows, start, count, layout.TextCount, r => r.Text));
            default:
                throw new InvalidOperationException($"The exported graph asks for an input '{name}' that the model's features do not have.");
        }
    }

    private static DenseTensor<string> Strings(IReadOnlyList<FeatureRow> rows, int start, int count, int width, Func<FeatureRow, string[]> values)
    {
        var tensor = new DenseTensor<string>([count, width]);
        for (var r = 0; r < count; r++)
        {
            values(rows[start + r]).CopyTo(tensor.Buffer.Span.Slice(r * width, width));
        }

        return tensor;
    }

    private static void Read(IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results, MlTask task, int count, Outputs outputs)
    {
        var byColumn = results.ToDictionary(r => r.Name.Split('.')[0], StringComparer.Ordinal);
        var score = byColumn["Score"].AsTensor<float>();
        var width = score.Length / count;
        for (var r = 0; r < count; r++)
        {
            switch (task)
            {
                case MlTask.BinaryClassification:
                    outputs.Add([score.GetValue(r), byColumn["Probability"].AsTensor<float>().GetValue(r)], byColumn["PredictedLabel"].AsTensor<bool>().GetValue(r) ? "true" : "false");
                    break;
                case MlTask.MulticlassClassification:
                    outputs.Add([.. Enumerable.Range(0, (int)width).Select(k => (double)score.GetValue((int)(r * width) + k))], byColumn["PredictedLabel"].AsTensor<string>().GetValue(r));
                    break;
                default:
                    outputs.Add([score.GetValue(r)], string.Empty);
                    break;
            }
        }
    }

    private sealed class Outputs(int capacity)
    {
        public List<double[]> Scores { get; } = new(capacity);

        public List<string> Labels { get; } = new(capacity);

        public void Add(double[] scores, string label)
        {
            Scores.Add(scores);
            Labels.Add(label);
        }
    }
}
