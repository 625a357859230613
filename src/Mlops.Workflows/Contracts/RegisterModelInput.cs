using Mlops.Core.Datasets;
using Mlops.Core.Validation;

namespace Mlops.Workflows.Contracts;

/// <param name="RunId">The run.</param>
/// <param name="Dataset">The training data.</param>
/// <param name="Schema">The model's input.</param>
/// <param name="Training">The trained candidate.</param>
/// <param name="Evaluation">How it compared with the champion.</param>
/// <param name="Contract">The data contract validation accepted; stored with the version.</param>
public sealed record RegisterModelInput(
    string RunId,
    DatasetRef Dataset,
    DatasetSchema Schema,
    TrainingSummary Training,
    EvaluationSummary Evaluation,
    DataContract? Contract)
{
    /// <summary>
    /// Where the run's validation report (with the contract) is kept, when the contract does not travel in
    /// <see cref="Contract"/> (pipeline version 2 passes it by reference, not through the orchestration history).
    /// </summary>
    public string? ValidationPath { get; init; }

    /// <summary>
    /// The candidate's ONNX export (pipeline version 5): when available, registration copies model.onnx and the whole
    /// record from beside the candidate; when not, the manifest carries this reason. Null under older versions.
    /// </summary>
    public Core.Export.OnnxExport? Onnx { get; init; }
}
