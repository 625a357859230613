using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Mlops.Core.Datasets;

namespace Mlops.Core.Training;

/// <summary>
/// The featurization and label mapping every model starts with. It is saved inside the model, so serving and
/// evaluation replay exactly what training did.
/// </summary>
internal static class FeaturePipeline
{
    public const string Features = "Features";

    /// <summary>The label column the trainers read; for regression the raw <see cref="FeatureRow.LabelValue"/>.</summary>
    public static string LabelColumn(MlTask task) => task == MlTask.Regression ? nameof(FeatureRow.LabelValue) : "Label";

    public static IEstimator<ITransformer> Build(MLContext ml, FeatureLayout layout)
    {
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        var parts = new List<string>();
        if (layout.NumericCount > 0)
        {
            // Missingness is a signal of its own: flag it before imputing the mean.
            pipeline = pipeline
                .Append(ml.Transforms.IndicateMissingValues("NumericMissing", nameof(FeatureRow.Numeric)))
                .Append(ml.Transforms.Conversion.ConvertType("NumericMissingFlag", "NumericMissing", DataKind.Single))
                .Append(ml.Transforms.ReplaceMissingValues("NumericImputed", nameof(FeatureRow.Numeric), MissingValueReplacingEstimator.ReplacementMode.Mean));
            parts.Add("NumericImputed");
            parts.Add("NumericMissingFlag");
        }

        if (layout.CategoricalCount > 0)
        {
            // A bag over the prefixed tokens equals one one-hot block per column, in one transform.
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding("CategoricalBag", nameof(FeatureRow.Categorical), OneHotEncodingEstimator.OutputKind.Bag));
            parts.Add("CategoricalBag");
        }

        pipeline = pipeline.Append(ml.Transforms.Concatenate(Features, [.. parts]));
        return AppendLabel(ml, layout.Schema, pipeline);
    }

    private static IEstimator<ITransformer> AppendLabel(MLContext ml, DatasetSchema schema, IEstimator<ITransformer> pipeline)
    {
        switch (schema.Task)
        {
            case MlTask.BinaryClassification:
                var positives = new[]
                {
                    new KeyValuePair<string, bool>(schema.ClassLabels[0], false),
                    new KeyValuePair<string, bool>(schema.ClassLabels[1], true),
                };
                return pipeline.Append(ml.Transforms.Conversion.MapValue(LabelColumn(schema.Task), positives, nameof(FeatureRow.LabelText)));

            case MlTask.MulticlassClassification:
                // Keys taken from ClassLabels in their order, so score slot i is ClassLabels[i] whatever the data holds.
                var keys = ml.Data.LoadFromEnumerable(schema.ClassLabels.Select(c => new ClassKey { Value = c }));
                return pipeline.Append(ml.Transforms.Conversion.MapValueToKey(LabelColumn(schema.Task), nameof(FeatureRow.LabelText), keyData: keys));

            default:
                return pipeline;
        }
    }

    private sealed class ClassKey
    {
        public string Value { get; set; } = string.Empty;
    }
}
