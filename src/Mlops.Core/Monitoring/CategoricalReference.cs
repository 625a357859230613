using Mlops.Core.Profiling;

namespace Mlops.Core.Monitoring;

/// <summary>
/// A categorical feature as the champion's data contract describes it: the counts of its commonest values and one
/// "other" cell for the rest. The contract keeps only the top values, so a value outside them (including one never
/// seen in training) counts as "other" in a window too; a new category shows as the other cell growing.
/// </summary>
public sealed class CategoricalReference
{
    private readonly Dictionary<string, int> cells;

    /// <param name="categories">The values the contract counted, each with its count.</param>
    /// <param name="other">Rows holding any other value.</param>
    public CategoricalReference(IReadOnlyList<CategoryCount> categories, long other)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentOutOfRangeException.ThrowIfNegative(other);
        Categories = categories;
        Other = other;
        cells = new Dictionary<string, int>(categories.Count, StringComparer.Ordinal);
        foreach (var category in categories)
        {
            cells.TryAdd(category.Value, cells.Count);
        }

        if (cells.Count != categories.Count || categories.Sum(c => c.Count) + other <= 0 || categories.Any(c => c.Count < 0))
        {
            throw new ArgumentException("A categorical reference needs distinct values, counts that are not negative and some rows.", nameof(categories));
        }
    }

    public IReadOnlyList<CategoryCount> Categories { get; }

    public long Other { get; }

    /// <summary>The cells compared: one per category, in order, then "other".</summary>
    public int CellCount => Categories.Count + 1;

    /// <summary>The reference of a categorical column of the contract: its top values, and the rest of its present rows as "other".</summary>
    public static CategoricalReference From(ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var listed = column.TopCategories.Sum(c => c.Count);
        return new CategoricalReference(column.TopCategories, Math.Max(0, column.Count - column.Missing - listed));
    }

    /// <summary>The cell of <paramref name="value"/> (trimmed, as the profiler trims), "other" when it is not listed.</summary>
    public int CellOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return cells.TryGetValue(value.Trim(), out var cell) ? cell : Categories.Count;
    }

    /// <summary>The reference's count in each cell.</summary>
    public long[] Counts() => [.. Categories.Select(c => c.Count), Other];
}
