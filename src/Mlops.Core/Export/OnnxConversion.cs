using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Mlops.Core.Datasets;
using Mlops.Core.Training;
using Mlops.Core.Training.Ensembles;

namespace Mlops.Core.Export;

/// <summary>Turns a trained model.zip into an ONNX graph that takes the features alone and answers the scorer's columns.</summary>
internal static class OnnxConversion
{
    /// <summary>
    /// The converter makes every column its input view has (and every column a step reads) an input of the graph, so
    /// the steps that map the label for training are dropped first: a scorer elsewhere has no label to give.
    /// </summary>
    public static byte[] Convert(MLContext ml, ITransformer model, FeatureLayout layout)
    {
        var input = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), layout.CreateFeatureDefinition());
        var scoring = WithoutLabelSteps(model, input.Schema);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(scoring, input, stream, OutputColumns(layout.Schema.Task));
        return stream.ToArray();
    }

    /// <summary>Whether the model is a blend of two (<see cref="EnsembleTrainer"/>), whose averaging steps have no ONNX form.</summary>
    public static bool IsBlend(ITransformer model) =>
        model is TransformerChain<ITransformer> chain
        && chain.Any(step => step is ExpressionTransformer or CustomMappingTransformer<MulticlassBlendMapping.Members, MulticlassBlendMapping.Blended>);

    /// <summary>Whether the model hashes categories (<see cref="FeaturePipeline.HashedCategories"/>), a step the converter leaves out.</summary>
    public static bool HashesCategories(MLContext ml, ITransformer model, FeatureLayout layout)
    {
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), layout.CreateFeatureDefinition()).Schema;
        return WithoutLabelSteps(model, schema).GetOutputSchema(schema).GetColumnOrNull(FeaturePipeline.HashedCategories) is not null;
    }

    /// <summary>ML.NET's scorer columns per task, the graph's outputs.</summary>
    public static string[] OutputColumns(MlTask task) => task switch
    {
        MlTask.BinaryClassification => ["PredictedLabel", "Score", "Probability"],
        MlTask.MulticlassClassification => ["PredictedLabel", "Score"],
        _ => ["Score"],
    };

    /// <summary>
    /// The model's steps (nested chains flattened) that still bind to a schema without the label columns: a step that
    /// needs the label only ever mapped it for the trainer, which reads the mapped label at fit time alone.
    /// </summary>
    private static TransformerChain<ITransformer> WithoutLabelSteps(ITransformer model, DataViewSchema schema)
    {
        var kept = new List<ITransformer>();
        foreach (var step in Flatten(model))
        {
            try
            {
                schema = step.GetOutputSchema(schema);
                kept.Add(step);
            }
            catch (ArgumentOutOfRangeException)
            {
                // ML.NET's "column not found" for a step reading LabelText or LabelValue.
            }
        }

        return new TransformerChain<ITransformer>([.. kept]);
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];
}
