using Microsoft.DurableTask;
using Mlops.Core;
using Mlops.Core.Evaluation;
using Mlops.Core.Export;
using Mlops.Core.Registry;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Exports the run's candidate to ONNX and checks it on the holdout (<see cref="OnnxExporter"/>), keeping model.onnx and
/// the export's record beside the candidate for registration to copy. Answers the record without its feature map, which
/// grows with the columns and has no place in the orchestration's history; registration reads it whole from the blob.
/// </summary>
public sealed class ExportModel(
    TrainingDatasets trainingData,
    IModelArtifactStore artifacts,
    ModelEvaluator evaluator,
    OnnxExporter exporter,
    RunHeartbeat heartbeat)
    : TaskActivity<ExportModelInput, OnnxExport>
{
    public override async Task<OnnxExport> RunAsync(TaskActivityContext context, ExportModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = input.Dataset.Model;
        await using var alive = heartbeat.Start(model, input.RunId, nameof(ExportModel));
        var zip = await artifacts.ReadAsync(input.CandidatePath, CancellationToken.None)
            ?? throw new InvalidOperationException($"The trained candidate {input.CandidatePath} is missing.");
        var data = await trainingData.LoadAsync(input.Dataset, input.Schema);
        var result = exporter.Export(zip, evaluator.Holdout(data));
        if (result.Model is { } onnx)
        {
            await artifacts.WriteAsync(ArtifactPaths.CandidateOnnx(model, input.RunId), onnx, CancellationToken.None);
        }

        await artifacts.WriteAsync(ArtifactPaths.CandidateOnnxExport(model, input.RunId), BinaryData.FromObjectAsJson(result.Export, MlopsJson.Options), CancellationToken.None);
        return result.Export with { Features = [], Inputs = [], Outputs = [] };
    }
}
