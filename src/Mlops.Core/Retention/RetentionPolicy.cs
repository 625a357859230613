using Mlops.Core.Registry;

namespace Mlops.Core.Retention;

/// <summary>Decides which committed versions of a model retention deletes. Pure: the pass reads the registry and acts on the answer.</summary>
public static class RetentionPolicy
{
    /// <summary>
    /// Keeps the <paramref name="keepVersions"/> newest of <paramref name="versions"/>, every version an alias points to and
    /// every pinned version; the rest are deleted. Aliases and pins naming a version that does not exist keep nothing.
    /// </summary>
    public static RetentionDecision Decide(IEnumerable<int> versions, IEnumerable<AliasState> aliases, IEnumerable<RetentionPin> pins, int keepVersions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keepVersions, 1);
        var committed = versions.Distinct().Order().ToList();
        var existing = committed.ToHashSet();
        var reasons = new SortedDictionary<int, List<string>>();
        foreach (var alias in aliases.OrderBy(a => a.Alias, StringComparer.Ordinal))
        {
            Hold(alias.Version, $"alias {alias.Alias}");
        }

        foreach (var pin in pins)
        {
            Hold(pin.Version, pin.Reason);
        }

        var newest = committed.Skip(Math.Max(0, committed.Count - keepVersions)).ToHashSet();
        var kept = committed.Where(v => newest.Contains(v) || reasons.ContainsKey(v)).ToList();
        var delete = committed.Where(v => !newest.Contains(v) && !reasons.ContainsKey(v)).ToList();
        return new RetentionDecision(kept, delete, reasons.ToDictionary(r => r.Key, r => string.Join("; ", r.Value)));

        void Hold(int version, string reason)
        {
            if (!existing.Contains(version))
            {
                return;
            }

            if (!reasons.TryGetValue(version, out var list))
            {
                reasons[version] = list = [];
            }

            if (!list.Contains(reason, StringComparer.Ordinal))
            {
                list.Add(reason);
            }
        }
    }
}
