namespace Mlops.Workflows.Contracts;

/// <param name="ExpectedChampion">The champion the candidate was compared with; the alias moves only if it is still that.</param>
public sealed record PromoteModelInput(string Model, int Version, int? ExpectedChampion, bool ShouldPromote, string Reason);
