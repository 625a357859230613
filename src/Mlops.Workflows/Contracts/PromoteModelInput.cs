using Mlops.Core.Evaluation;

namespace Mlops.Workflows.Contracts;

/// <param name="ExpectedChampion">The champion the candidate was compared with; the alias moves only if it is still that.</param>
public sealed record PromoteModelInput(string Model, int Version, int? ExpectedChampion, bool ShouldPromote, string Reason)
{
    /// <summary>The gates' verdicts: a failed one is announced as a gate.failed event.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>The run, named in the event.</summary>
    public string? RunId { get; init; }
}
