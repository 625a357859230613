namespace Mlops.Core.Profiling;

/// <summary>A uniform sample of profiled rows: the raw cells of the profiled columns, in their order.</summary>
internal sealed class RowSample(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
{
    public static RowSample Empty { get; } = new([], []);

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<string[]> Rows { get; } = rows;

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }
}
