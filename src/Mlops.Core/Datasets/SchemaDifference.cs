namespace Mlops.Core.Datasets;

/// <summary>What changed in a model's input between two schemas (the data contract's schema part).</summary>
public sealed record SchemaDifference(
    IReadOnlyList<string> FeaturesAdded,
    IReadOnlyList<string> FeaturesRemoved,
    IReadOnlyList<string> KindChanged,
    IReadOnlyList<string> ClassesAdded,
    IReadOnlyList<string> ClassesRemoved,
    bool LabelChanged,
    bool TaskChanged)
{
    public bool Any => FeaturesAdded.Count + FeaturesRemoved.Count + KindChanged.Count + ClassesAdded.Count + ClassesRemoved.Count > 0 || LabelChanged || TaskChanged;

    public static SchemaDifference Between(DatasetSchema a, DatasetSchema b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var before = a.Features.ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);
        var after = b.Features.ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);
        return new SchemaDifference(
            [.. after.Keys.Where(k => !before.ContainsKey(k))],
            [.. before.Keys.Where(k => !after.ContainsKey(k))],
            [.. after.Where(f => before.TryGetValue(f.Key, out var kind) && kind != f.Value).Select(f => $"{f.Key}: {before[f.Key]} → {f.Value}")],
            [.. b.ClassLabels.Except(a.ClassLabels, StringComparer.Ordinal)],
            [.. a.ClassLabels.Except(b.ClassLabels, StringComparer.Ordinal)],
            !string.Equals(a.Label, b.Label, StringComparison.Ordinal),
            a.Task != b.Task);
    }
}
