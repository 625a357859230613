using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// A class label written several ways ("Yes", "yes", "YES"): each spelling would be a class of its own, so a binary
/// problem would train as a multiclass one and score a fraction of what it could. Only capitals are compared (cells
/// are read trimmed, so surrounding spaces already read alike); labels that differ in anything else are different
/// classes. The file is quarantined rather than merged silently, since which spelling is meant is the user's to say.
/// </summary>
internal static class LabelSpellingCheck
{
    /// <summary>Groups shown in the message; the rest are counted.</summary>
    private const int ShownGroups = 3;

    public static void Check(ValidationContext context, ColumnStatistics label, MlTask task)
    {
        if (task == MlTask.Regression || label.ValueCounts is not { Count: >= 2 } counts)
        {
            return;
        }

        var groups = SpellingGroups.Of(counts, c => c.ToUpperInvariant());
        if (groups.Count == 0)
        {
            return;
        }

        var shown = string.Join("; ", groups.Take(ShownGroups).Select(g => string.Join(", ", g.Select(c => $"'{c.Key}' ({ValidationContext.Count(c.Value)} rows)"))));
        var more = groups.Count > ShownGroups ? $"; and {groups.Count - ShownGroups} more" : string.Empty;
        context.Error(ValidationRules.LabelSpellings, label.Name,
            $"Label '{label.Name}' writes the same class in more than one way, differing only in capitals: {shown}{more}. Each spelling would be a class of its own ({counts.Count} classes where {counts.Count - groups.Sum(g => g.Count - 1)} are meant). Write each class one way; if they are truly different classes, name them so that they differ by more than capitals.",
            groups.Sum(g => g.Count));
    }
}
