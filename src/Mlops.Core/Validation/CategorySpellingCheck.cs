using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// A category written several ways in a feature column ("New York", "new york", "New-York"): the model learns each
/// spelling as a category of its own, so the rare spellings learn from a few rows and a category's effect is split
/// between them. Spellings are alike when they differ only in capitals, blanks, or hyphens and underscores inside a
/// word (cells are read trimmed). A warning, not an error: the model still trains, and codes such as "A-1" and "A1"
/// may be meant apart. Columns with more distinct values than are counted exactly are not looked at: their spellings
/// are not all known.
/// </summary>
internal static class CategorySpellingCheck
{
    /// <summary>Groups shown in the message; the rest are counted.</summary>
    private const int ShownGroups = 3;

    /// <summary>Spellings shown per group, most rows first.</summary>
    private const int ShownSpellings = 4;

    public static void Check(ValidationContext context, DatasetProfile profile, IReadOnlyList<ColumnSchema> features)
    {
        foreach (var feature in features.Where(f => f.Kind == ColumnKind.Categorical))
        {
            if (profile.Find(feature.Name)?.ValueCounts is not { Count: >= 2 } counts)
            {
                continue;
            }

            var groups = SpellingGroups.Of(counts, Folded);
            if (groups.Count == 0)
            {
                continue;
            }

            // The rows a single spelling per category would move: every spelling's but the most common one's.
            var rows = groups.Sum(g => g.Skip(1).Sum(c => c.Value));
            var shown = string.Join("; ", groups.Take(ShownGroups).Select(Describe));
            var more = groups.Count > ShownGroups ? $"; and {groups.Count - ShownGroups} more" : string.Empty;
            context.Warning(ValidationRules.CategorySpellings, feature.Name,
                $"Column '{feature.Name}' writes the same category in more than one way, differing only in capitals, blanks, hyphens or underscores: {shown}{more}. The model learns each spelling as a category of its own, so the {ValidationContext.Count(rows)} rows written in a rarer spelling do not count toward their category; write each category one way.",
                rows);
        }
    }

    /// <summary>
    /// The spelling in capitals, without blanks, and without hyphens and underscores that join two letters or digits
    /// ("New-York", "new_york"): a grade's "B-" keeps its minus.
    /// </summary>
    private static string Folded(string value)
    {
        var folded = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var joins = c is '-' or '_' && i > 0 && i + 1 < value.Length && char.IsLetterOrDigit(value[i - 1]) && char.IsLetterOrDigit(value[i + 1]);
            if (!joins && !char.IsWhiteSpace(c))
            {
                folded.Append(char.ToUpperInvariant(c));
            }
        }

        return folded.ToString();
    }

    private static string Describe(List<KeyValuePair<string, long>> group)
    {
        var spellings = string.Join(", ", group.Take(ShownSpellings).Select(c => $"'{c.Key}' ({ValidationContext.Count(c.Value)} rows)"));
        return group.Count > ShownSpellings ? $"{spellings} and {group.Count - ShownSpellings} more spellings" : spellings;
    }
}
