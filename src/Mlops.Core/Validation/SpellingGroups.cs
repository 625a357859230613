namespace Mlops.Core.Validation;

/// <summary>A column's values that read alike once folded: one value written several ways.</summary>
internal static class SpellingGroups
{
    /// <summary>
    /// The values of <paramref name="counts"/> grouped by <paramref name="fold"/>, only groups of two spellings or more,
    /// each most rows first; the groups with most rows first. Values that fold to nothing are not grouped.
    /// </summary>
    public static List<List<KeyValuePair<string, long>>> Of(IReadOnlyDictionary<string, long> counts, Func<string, string> fold) =>
        [
            .. counts
                .GroupBy(c => fold(c.Key), StringComparer.Ordinal)
                .Where(g => g.Key.Length > 0 && g.Count() > 1)
                .Select(g => g.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList())
                .OrderByDescending(g => g.Sum(c => c.Value))
                .ThenBy(g => g[0].Key, StringComparer.Ordinal),
        ];
}
