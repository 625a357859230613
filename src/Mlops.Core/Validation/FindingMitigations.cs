namespace Mlops.Core.Validation;

/// <summary>
/// Which of a report's mitigations answers a finding, so that a warning is shown with what the run did about it:
/// the rule names the kinds of mitigation that answer it, and the finding's column picks the one applied there.
/// </summary>
public static class FindingMitigations
{
    private static readonly Dictionary<string, string[]> KindsByRule = new(StringComparer.Ordinal)
    {
        [ValidationRules.ClassImbalance] = [MitigationKinds.ClassWeights, MitigationKinds.StratifiedSplit],
        [ValidationRules.ColumnMissingRate] = [MitigationKinds.ImputeMissing],
        [ValidationRules.ColumnConstant] = [MitigationKinds.ExcludeColumn],
        [ValidationRules.IdentifierColumn] = [MitigationKinds.ExcludeColumn],
        [ValidationRules.LabelMissingValues] = [MitigationKinds.DropUnlabelledRows],
    };

    /// <summary>The mitigations applied for <paramref name="finding"/>, in a sentence; null when none was.</summary>
    public static string? For(ValidationFinding finding, IReadOnlyList<Mitigation> mitigations)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(mitigations);
        if (!KindsByRule.TryGetValue(finding.Rule, out var kinds))
        {
            return null;
        }

        var applied = mitigations
            .Where(m => kinds.Contains(m.Kind, StringComparer.Ordinal) && (finding.Column is null || m.Column is null || string.Equals(m.Column, finding.Column, StringComparison.Ordinal)))
            .Select(m => $"{m.Kind}: {m.Reason}")
            .ToArray();
        return applied.Length == 0 ? null : string.Join(" ", applied);
    }
}
