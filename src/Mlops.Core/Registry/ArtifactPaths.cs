using System.Globalization;

namespace Mlops.Core.Registry;

/// <summary>Blob paths inside the models container. Model names are validated before they get here.</summary>
public static class ArtifactPaths
{
    public static string ModelZip(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/model.zip";

    public static string Manifest(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/manifest.json";

    /// <summary>The version's model in ONNX, when its export was checked against ML.NET (the manifest's "onnx" says).</summary>
    public static string OnnxModel(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/model.onnx";

    /// <summary>The data contract accepted with a version's training data.</summary>
    public static string Contract(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/contract.json";

    /// <summary>Everything stored for a version (model, manifest, contract, and whatever a later feature adds beside them).</summary>
    public static string VersionFolder(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>A run's trained candidate before registration; "runs" is not a number, so it never meets a version folder.</summary>
    public static string Candidate(string model, string runId) => $"{model}/runs/{runId}/model.zip";

    /// <summary>A run's candidate exported to ONNX, before registration copies it beside the version's model.zip.</summary>
    public static string CandidateOnnx(string model, string runId) => $"{model}/runs/{runId}/model.onnx";

    /// <summary>What the candidate's ONNX export gave (its check, inputs and outputs, or why there is none).</summary>
    public static string CandidateOnnxExport(string model, string runId) => $"{model}/runs/{runId}/onnx.json";

    /// <summary>A run's search record: every trial's configuration, metrics and duration, beside its candidate.</summary>
    public static string Trials(string model, string runId) => $"{model}/runs/{runId}/trials.json";

    /// <summary>The run's search as planned, written when it starts, so its trials can be shown before its record exists.</summary>
    public static string SearchStart(string model, string runId) => $"{model}/runs/{runId}/search-start.json";

    /// <summary>Every trial checkpoint of a run (<see cref="TrialCheckpoint"/>).</summary>
    public static string TrialCheckpoints(string model, string runId) => $"{model}/runs/{runId}/trials/";

    /// <summary>One trial's result kept for the run, so a restarted run reuses what its trials already measured.</summary>
    public static string TrialCheckpoint(string model, string runId, int index) =>
        $"{model}/runs/{runId}/trials/{index.ToString(CultureInfo.InvariantCulture)}.json";

    /// <summary>The refit's summary beside its candidate, so a restarted run does not train the winner again.</summary>
    public static string TrainingCheckpoint(string model, string runId) => $"{model}/runs/{runId}/training.json";

    /// <summary>The run's whole validation report (findings, column profiles, the contract), written for every run.</summary>
    public static string Validation(string model, string runId) => $"{model}/runs/{runId}/validation.json";

    /// <summary>A run's evaluation of its candidate: gates, baseline, comparison, confusion matrix, feature importance.</summary>
    public static string RunEvaluation(string model, string runId) => $"{model}/runs/{runId}/evaluation.json";

    /// <summary>The evaluation a version was registered with.</summary>
    public static string Evaluation(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/evaluation.json";
}
