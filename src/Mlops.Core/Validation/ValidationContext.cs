using System.Globalization;
using Mlops.Core.Datasets;

namespace Mlops.Core.Validation;

/// <summary>What the checks of one validation share: the inputs they judge and the findings and mitigations they add.</summary>
internal sealed class ValidationContext(ModelSpec spec, ValidationThresholds thresholds, DataContract? previous)
{
    public ModelSpec Spec { get; } = spec;

    public ValidationThresholds Thresholds { get; } = thresholds;

    /// <summary>The contract of the model's champion, when it has one.</summary>
    public DataContract? Previous { get; } = previous;

    public List<ValidationFinding> Findings { get; } = [];

    public List<Mitigation> Mitigations { get; } = [];

    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    public bool IsCategorical(string column) => Spec.Categorical.Contains(column, StringComparer.Ordinal);

    public bool IsText(string column) => Spec.Text.Contains(column, StringComparer.Ordinal);

    public void Error(string rule, string? column, string message, double? observed = null, double? threshold = null) =>
        Findings.Add(new ValidationFinding(Severity.Error, rule, column, message, observed, threshold));

    public void Info(string rule, string? column, string message) =>
        Findings.Add(new ValidationFinding(Severity.Info, rule, column, message));

    public void Warning(string rule, string? column, string message, double? observed = null, double? threshold = null) =>
        Findings.Add(new ValidationFinding(Severity.Warning, rule, column, message, observed, threshold));

    public void Mitigate(string kind, string? column, string reason) => Mitigations.Add(new Mitigation(kind, column, reason));

    public static string Percent(double fraction) =>
        (fraction * 100).ToString(fraction is > 0 and < 0.001 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + "%";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Up to <paramref name="shown"/> values, quoted, with "..." when there are more.</summary>
    public static string Quote(IEnumerable<string> values, int shown = 5)
    {
        var list = values.Take(shown + 1).ToList();
        return string.Join(", ", list.Take(shown).Select(v => $"'{v}'")) + (list.Count > shown ? ", ..." : "");
    }
}
