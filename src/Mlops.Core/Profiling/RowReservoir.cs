using Mlops.Core.Datasets;

namespace Mlops.Core.Profiling;

/// <summary>
/// Keeps a uniform random sample of rows of a stream of unknown length (Li's reservoir "Algorithm L": after the
/// reservoir fills, the gap to the next kept row is drawn directly, so most rows cost one comparison).
/// </summary>
internal sealed class RowReservoir
{
    private readonly int[] columns;
    private readonly string[][] rows;
    private SplitMix64 random;
    private int filled;
    private long seen;
    private long next;
    private double w;

    public RowReservoir(int capacity, int[] columns, ulong seed)
    {
        this.columns = columns;
        rows = new string[capacity][];
        random = new SplitMix64(seed);
    }

    public void Offer(CsvRow row)
    {
        if (filled < rows.Length)
        {
            rows[filled++] = Copy(row);
            if (filled == rows.Length)
            {
                w = Math.Exp(Math.Log(random.NextUnit()) / rows.Length);
                next = seen + Gap() + 1;
            }
        }
        else if (seen == next)
        {
            rows[random.Next(rows.Length)] = Copy(row);
            w *= Math.Exp(Math.Log(random.NextUnit()) / rows.Length);
            next += Gap() + 1;
        }

        seen++;
    }

    public IReadOnlyList<string[]> Rows() => rows[..filled];

    private long Gap()
    {
        var gap = Math.Floor(Math.Log(random.NextUnit()) / Math.Log(1 - w));
        return double.IsFinite(gap) && gap < long.MaxValue / 2 ? (long)gap : long.MaxValue / 2;
    }

    private string[] Copy(CsvRow row)
    {
        var copy = new string[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            // A plain copy: the parser's string pool costs more than it saves for rows sampled once.
            copy[i] = columns[i] < row.Count ? row[columns[i]].ToString() : string.Empty;
        }

        return copy;
    }
}
