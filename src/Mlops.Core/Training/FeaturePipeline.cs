using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;
using Mlops.Core.Datasets;

namespace Mlops.Core.Training;

/// <summary>
/// The featurization and label mapping every model starts with, chosen from the data contract (each feature's kind)
/// and, for categories, from the rows it is fitted on. It is saved inside the model, so serving and evaluation
/// replay exactly what training did.
/// </summary>
internal static class FeaturePipeline
{
    public const string Features = "Features";

    /// <summary>The bag of hashed tokens of the categorical columns with too many values to one-hot encode.</summary>
    public const string HashedCategories = "CategoricalHashed";

    /// <summary>The example-weight column of weighted training views (<see cref="FeatureRow.Weight"/>).</summary>
    public const string Weight = nameof(FeatureRow.Weight);

    /// <summary>The label column the trainers read; for regression the raw <see cref="FeatureRow.LabelValue"/>.</summary>
    public static string LabelColumn(MlTask task) => task == MlTask.Regression ? nameof(FeatureRow.LabelValue) : "Label";

    /// <param name="ml">The context the estimators belong to.</param>
    /// <param name="layout">The model's input layout.</param>
    /// <param name="training">The rows the pipeline will be fitted on: they decide which categories are one-hot.</param>
    /// <param name="oneHotMaxCardinality">A categorical column with more distinct values than this is hashed.</param>
    public static IEstimator<ITransformer> Build(MLContext ml, FeatureLayout layout, IReadOnlyList<FeatureRow> training, int oneHotMaxCardinality)
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
            pipeline = AppendCategories(ml, pipeline, CategoryVocabulary.Of(training, oneHotMaxCardinality), parts);
        }

        if (layout.TextCount > 0)
        {
            // Word 1-2-grams and character 3-grams over every text column, L2-normalized: ML.NET's text defaults.
            pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText("TextFeatures", new TextFeaturizingEstimator.Options(), nameof(FeatureRow.Text)));
            parts.Add("TextFeatures");
        }

        pipeline = pipeline.Append(ml.Transforms.Concatenate(Features, [.. parts]));
        return AppendLabel(ml, layout.Schema, pipeline);
    }

    private static IEstimator<ITransformer> AppendCategories(MLContext ml, IEstimator<ITransformer> pipeline, CategoryVocabulary vocabulary, List<string> parts)
    {
        if (vocabulary.OneHot.Count > 0)
        {
            // A bag over the prefixed tokens equals one one-hot block per column, in one transform. The keys are the
            // low-cardinality columns' tokens only, so a hashed column's tokens map to no key and add nothing here.
            var keys = ml.Data.LoadFromEnumerable(vocabulary.OneHot.Select(t => new TextKey { Value = t }));
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(
                "CategoricalOneHot", nameof(FeatureRow.Categorical), OneHotEncodingEstimator.OutputKind.Bag, keyData: keys));
            parts.Add("CategoricalOneHot");
        }

        if (vocabulary.HashBits > 0)
        {
            // Only the high-cardinality columns are hashed: the one-hot columns' known tokens are dropped first, and
            // a new value of a hashed column still lands in a bucket at serving time.
            var source = nameof(FeatureRow.Categorical);
            if (vocabulary.OneHot.Count > 0)
            {
                pipeline = pipeline.Append(ml.Transforms.Text.RemoveStopWords("CategoricalHashedTokens", source, [.. vocabulary.OneHot]));
                source = "CategoricalHashedTokens";
            }

            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotHashEncoding(
                HashedCategories, source, OneHotEncodingEstimator.OutputKind.Bag, numberOfBits: vocabulary.HashBits));
            parts.Add(HashedCategories);
        }

        return pipeline;
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
                var keys = ml.Data.LoadFromEnumerable(schema.ClassLabels.Select(c => new TextKey { Value = c }));
                return pipeline.Append(ml.Transforms.Conversion.MapValueToKey(LabelColumn(schema.Task), nameof(FeatureRow.LabelText), keyData: keys));

            default:
                return pipeline;
        }
    }

    private sealed class TextKey
    {
        public string Value { get; set; } = string.Empty;
    }
}
