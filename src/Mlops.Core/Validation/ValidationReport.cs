using Mlops.Core.Datasets;

namespace Mlops.Core.Validation;

/// <summary>The outcome of validating one dataset.</summary>
/// <param name="Findings">Everything noticed, errors first.</param>
/// <param name="Schema">The inferred input contract; null when the data could not yield one.</param>
/// <param name="Rows">Data rows read (header excluded).</param>
/// <param name="Columns">Columns in the header.</param>
public sealed record ValidationReport(IReadOnlyList<ValidationFinding> Findings, DatasetSchema? Schema, int Rows, int Columns)
{
    public bool Passed => Schema is not null && !Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>The errors joined into one sentence for a run's reason.</summary>
    public string Summary => Passed
        ? "The dataset passed validation."
        : string.Join(" ", Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message));

    /// <summary>What the run does about the warnings; training applies <see cref="MitigationKinds.ClassWeights"/>.</summary>
    public IReadOnlyList<Mitigation> Mitigations { get; init; } = [];

    /// <summary>The accepted data contract (schema, profile, thresholds); null unless the dataset passed.</summary>
    public DataContract? Contract { get; init; }

    /// <summary>
    /// The contract's primary metric, kept when a copy of the report leaves the contract out (the orchestration passes
    /// the contract by reference, not through its history).
    /// </summary>
    public string? PrimaryMetric { get; init; }
}
