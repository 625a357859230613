using Mlops.Core.Datasets;
using Mlops.Core.Training;

namespace Mlops.Core.Export;

/// <summary>
/// Where each data column goes in model.onnx's inputs, written for the manifest: the graph takes ML.NET's encoded
/// row (numbers, category tokens, texts as vectors), so a scorer elsewhere needs the same encoding to feed it.
/// </summary>
internal static class OnnxFeatureMap
{
    public static IReadOnlyList<OnnxFeature> For(FeatureLayout layout)
    {
        var features = layout.Schema.Features;
        var map = new List<OnnxFeature>(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            var name = features[i].Name;
            var slot = layout.Slot(i);
            map.Add(features[i].Kind switch
            {
                ColumnKind.Numeric => new OnnxFeature(name, nameof(FeatureRow.Numeric), slot, 1, "the number as float; NaN when missing"),
                ColumnKind.Date => new OnnxFeature(name, nameof(FeatureRow.Numeric), slot, layout.Schema.DatePartCount, DateParts.Describe(layout.Schema.DatePartCount) + "; NaN in each when missing"),
                ColumnKind.Text => new OnnxFeature(name, nameof(FeatureRow.Text), slot, 1, "the text; empty when missing"),
                _ => new OnnxFeature(name, nameof(FeatureRow.Categorical), slot, 1, "tokenPrefix followed by the value, trimmed; tokenPrefix alone when missing")
                {
                    TokenPrefix = FeatureLayout.Token(i, string.Empty),
                },
            });
        }

        return map;
    }

    /// <summary>What an input or output of the graph holds, for the manifest.</summary>
    public static string Meaning(string name, MlTask task) => name switch
    {
        nameof(FeatureRow.Numeric) => "numeric features and date parts, one row per instance, positions as in features",
        nameof(FeatureRow.Categorical) => "category tokens, positions as in features",
        nameof(FeatureRow.Text) => "free-text features, positions as in features",
        _ when name.StartsWith("PredictedLabel", StringComparison.Ordinal) => task == MlTask.BinaryClassification
            ? "true for the second class of the schema's classLabels"
            : "the predicted class label",
        _ when name.StartsWith("Probability", StringComparison.Ordinal) => "the probability of the second class of classLabels",
        _ when name.StartsWith("Score", StringComparison.Ordinal) => task switch
        {
            MlTask.Regression => "the predicted value",
            MlTask.MulticlassClassification => "each class's probability, in the schema's classLabels order",
            _ => "the uncalibrated score (the margin)",
        },
        _ => "an intermediate column of the graph",
    };
}
