namespace Mlops.Workflows.Experiments;

/// <summary>The experiment orchestration's input: which experiment; its state stays in the Experiments table.</summary>
public sealed record ExperimentRef(string Model, string Id);
