using System.Security.Cryptography;
using Microsoft.DurableTask;
using Mlops.Core;
using Mlops.Core.Export;
using Mlops.Core.Registry;
using Mlops.Core.Validation;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Registers the candidate as an immutable version: reserve a number for this run, write model.zip and
/// manifest.json (and the data contract) under it, then commit the version row. A retry finds its reservation and
/// finishes the same version.
/// </summary>
public sealed class RegisterModel(IModelRegistry registry, IModelArtifactStore artifacts, TimeProvider clock)
    : TaskActivity<RegisterModelInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RegisterModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = input.Dataset.Model;
        var version = await registry.ReserveVersionAsync(model, input.RunId, CancellationToken.None);
        if (await registry.GetVersionAsync(model, version, CancellationToken.None) is not null)
        {
            return version;
        }

        var zip = await artifacts.ReadAsync(input.Training.CandidatePath, CancellationToken.None)
            ?? throw new InvalidOperationException($"The trained candidate {input.Training.CandidatePath} is missing.");
        var contract = input.Contract ?? await ContractAsync(input.ValidationPath);
        var manifest = new ModelVersion(
            model,
            version,
            clock.GetUtcNow(),
            input.RunId,
            input.Training.Trainer,
            input.Training.Parameters,
            input.Training.Metrics,
            input.Schema,
            new Lineage(input.Dataset.BlobName, input.Dataset.ETag, input.Dataset.Sha256, input.RunId, input.Evaluation.ChampionVersion),
            // The bytes registered, not the hash the training activity reported: a training run twice (a retry, a
            // duplicate delivery) gives the same model but not always the same bytes (see ModelZip).
            Convert.ToHexStringLower(SHA256.HashData(zip.ToMemory().Span)),
            contract?.Version)
        {
            Onnx = await OnnxAsync(model, input),
        };

        await artifacts.CreateAsync(ArtifactPaths.ModelZip(model, version), zip, CancellationToken.None);
        if (manifest.Onnx is { IsAvailable: true })
        {
            var onnx = await artifacts.ReadAsync(ArtifactPaths.CandidateOnnx(model, input.RunId), CancellationToken.None)
                ?? throw new InvalidOperationException($"The candidate's ONNX export {ArtifactPaths.CandidateOnnx(model, input.RunId)} is missing.");
            await artifacts.CreateAsync(ArtifactPaths.OnnxModel(model, version), onnx, CancellationToken.None);
        }

        if (contract is not null)
        {
            await artifacts.WriteAsync(ArtifactPaths.Contract(model, version), BinaryData.FromObjectAsJson(contract, MlopsJson.Options), CancellationToken.None);
        }

        if (input.Evaluation.EvaluationPath is { } evaluation && await artifacts.ReadAsync(evaluation, CancellationToken.None) is { } evaluated)
        {
            await artifacts.WriteAsync(ArtifactPaths.Evaluation(model, version), evaluated, CancellationToken.None);
        }

        await artifacts.WriteAsync(ArtifactPaths.Manifest(model, version), BinaryData.FromObjectAsJson(manifest, MlopsJson.Options), CancellationToken.None);
        await registry.CommitVersionAsync(manifest, CancellationToken.None);
        return version;
    }

    /// <summary>The export's whole record, kept beside the candidate, when the export is available; else the reason it is not.</summary>
    private async Task<OnnxExport?> OnnxAsync(string model, RegisterModelInput input)
    {
        if (input.Onnx is not { IsAvailable: true })
        {
            return input.Onnx;
        }

        var record = await artifacts.ReadAsync(ArtifactPaths.CandidateOnnxExport(model, input.RunId), CancellationToken.None)
            ?? throw new InvalidOperationException($"The candidate's ONNX export record {ArtifactPaths.CandidateOnnxExport(model, input.RunId)} is missing.");
        return record.ToObjectFromJson<OnnxExport>(MlopsJson.Options);
    }

    /// <summary>The contract from the run's validation report, where it stays when the orchestration passes it by reference.</summary>
    private async Task<DataContract?> ContractAsync(string? validationPath)
    {
        if (validationPath is null)
        {
            return null;
        }

        var report = await artifacts.ReadAsync(validationPath, CancellationToken.None)
            ?? throw new InvalidOperationException($"The run's validation report {validationPath} is missing, so its data contract cannot be registered.");
        return report.ToObjectFromJson<ValidationReport>(MlopsJson.Options)?.Contract;
    }
}
