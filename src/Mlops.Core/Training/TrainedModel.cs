namespace Mlops.Core.Training;

/// <summary>A fitted model and what is known about it: how it was trained and how it scored on the holdout.</summary>
/// <param name="ModelZip">ML.NET's model.zip, featurization included; read it with <see cref="Serving.ModelPredictor"/>.</param>
/// <param name="Trainer">The ML.NET trainer's name.</param>
/// <param name="Parameters">The trainer's hyperparameters as set, plus the seed and holdout fraction.</param>
/// <param name="Metrics">Holdout metrics, keyed as in <see cref="Evaluation.MetricNames"/>.</param>
/// <param name="TrainingRows">Rows the model was fitted on.</param>
/// <param name="HoldoutRows">Rows the metrics were computed on.</param>
public sealed record TrainedModel(
    BinaryData ModelZip,
    string Trainer,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    int TrainingRows,
    int HoldoutRows);
