namespace Mlops.Workflows.Experiments;

/// <summary>What a look decided for the orchestration: stop, or look again after <paramref name="WaitSeconds"/>.</summary>
public sealed record ExperimentStep(bool Done, int WaitSeconds, string Status);
