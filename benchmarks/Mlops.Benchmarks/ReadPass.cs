using Mlops.Core.Datasets;

namespace Mlops.Benchmarks;

/// <summary>
/// The gate's reader alone, on one thread: the streaming reader hands every row to a sink that only measures its cells.
/// The gate on all cores cannot be faster than this, whatever its profiling costs, since one thread reads.
/// </summary>
internal sealed class ReadPass : ICsvRowSink
{
    public long Characters { get; private set; }

    public void Header(IReadOnlyList<string> columns)
    {
    }

    public void Row(CsvRow row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            Characters += row[i].Length;
        }
    }
}
