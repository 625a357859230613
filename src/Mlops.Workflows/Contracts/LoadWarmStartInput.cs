namespace Mlops.Workflows.Contracts;

/// <param name="RunId">The run whose search the warm start seeds.</param>
/// <param name="Model">The model whose champion it comes from.</param>
public sealed record LoadWarmStartInput(string RunId, string Model);
