namespace Mlops.Core.Validation;

/// <summary>One thing validation noticed, said so a person can act on it.</summary>
/// <param name="Severity">Errors quarantine the dataset; warnings pass with the finding recorded.</param>
/// <param name="Rule">A stable identifier of the rule, e.g. "ragged-row", "label-missing".</param>
/// <param name="Column">The column concerned, if any.</param>
/// <param name="Message">A sentence a person understands, naming what was seen and what was expected.</param>
/// <param name="Observed">The measured value the rule judged (a rate, a score, a count), when it has one.</param>
/// <param name="Threshold">The threshold it was held to (see <see cref="ValidationThresholds"/>), when it has one.</param>
public sealed record ValidationFinding(
    Severity Severity,
    string Rule,
    string? Column,
    string Message,
    double? Observed = null,
    double? Threshold = null);
