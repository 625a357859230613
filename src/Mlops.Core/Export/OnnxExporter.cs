using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Training;

namespace Mlops.Core.Export;

/// <summary>
/// Exports a trained model to ONNX and keeps the export only when ONNX Runtime scores the holdout as ML.NET does.
/// An export that cannot be made or does not agree is reported with its reason, never thrown: the version is
/// registered all the same, with ML.NET's model.zip alone.
/// </summary>
public sealed class OnnxExporter(IOptions<TrainingOptions> options)
{
    /// <summary>Holdout rows compared: every row of an ordinary holdout, bounded so a huge one does not slow registration.</summary>
    internal const int CheckedRows = 5000;

    public OnnxExportResult Export(BinaryData modelZip, HoldoutSet holdout)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ArgumentNullException.ThrowIfNull(holdout);
        var ml = new MLContext(options.Value.Seed);
        var layout = FeatureLayout.For(holdout.Schema);
        var model = ModelZip.Load(ml, modelZip);
        byte[] onnx;
        try
        {
            onnx = OnnxConversion.Convert(ml, model, layout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The converter fails in ways of its own for steps without an ONNX form (an ensemble's averaging expression
            // throws NotSupportedException, the text featurizer's normalizer a KeyNotFoundException); whichever it is,
            // the version is registered without model.onnx.
            var step = layout.TextCount > 0 ? "its text featurization has no ONNX form in ML.NET's converter"
                : OnnxConversion.IsBlend(model) ? BlendStep
                : OnnxConversion.HashesCategories(ml, model, layout) ? HashedCategoriesStep
                : e.Message;
            return Unavailable($"ML.NET cannot export this model to ONNX: {step} ({e.GetType().Name}).");
        }

        var rows = TableFeatureRows.Read(layout, holdout.Data, [.. holdout.Rows.Take(CheckedRows)]);
        if (rows.Count == 0)
        {
            return Unavailable("The holdout has no rows, so the export could not be checked against ML.NET.");
        }

        try
        {
            using var session = new InferenceSession(onnx);
            var check = OnnxVerification.Check(session, ml, model, layout, rows);
            if (!check.Passed)
            {
                var reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"The ONNX export did not score the holdout as ML.NET does: on {check.Rows} rows the largest difference was {check.MaxDifference:G3} (allowed {check.Tolerance:G3}) and {check.LabelMismatches} predicted a different class.");
                return new OnnxExportResult(OnnxExport.Unavailable(reason) with { Check = check }, null);
            }

            var task = layout.Schema.Task;
            var opsets = OnnxOpsets.Read(onnx);
            var export = new OnnxExport(OnnxStatuses.Available, null)
            {
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx)),
                Opset = opsets.TryGetValue("ai.onnx", out var opset) ? opset : null,
                Opsets = opsets,
                Inputs = Describe(session.InputMetadata, task),
                Outputs = Describe(session.OutputMetadata, task),
                Features = OnnxFeatureMap.For(layout),
                Check = check,
            };
            return new OnnxExportResult(export, new BinaryData(onnx));
        }
        catch (OnnxRuntimeException e)
        {
            // The converter leaves the hashing step out without a word, so the graph reads a column nothing writes.
            return OnnxConversion.HashesCategories(ml, model, layout)
                ? Unavailable($"ML.NET cannot export this model to ONNX: {HashedCategoriesStep}.")
                : Unavailable($"ONNX Runtime could not run the exported graph: {e.Message}");
        }
        catch (MlopsException e)
        {
            return Unavailable($"The holdout could not be read to check the export: {e.Message}");
        }
    }

    private const string BlendStep =
        "it is a blend of two models, and the step that averages them has no ONNX form in ML.NET's converter; a spec's \"ensemble\": false trains one model, which exports";

    private const string HashedCategoriesStep =
        "its hashed categories have no ONNX form in ML.NET's converter (a categorical column with more distinct values than Training__OneHotMaxCardinality is hashed); a setting above the column's count encodes it one-hot, which exports";

    private static OnnxExportResult Unavailable(string reason) => new(OnnxExport.Unavailable(reason), null);

    private static List<OnnxTensor> Describe(IReadOnlyDictionary<string, NodeMetadata> metadata, Datasets.MlTask task) =>
    [
        .. metadata.Select(m => new OnnxTensor(
            m.Key,
            TypeName(m.Value.ElementType),
            [.. m.Value.Dimensions.Select(d => (long)d)],
            OnnxFeatureMap.Meaning(m.Key, task))),
    ];

    private static string TypeName(Type type) => type == typeof(float) ? "float"
        : type == typeof(string) ? "string"
        : type == typeof(bool) ? "bool"
        : type == typeof(long) ? "int64"
        : type.Name.ToLowerInvariant();
}
