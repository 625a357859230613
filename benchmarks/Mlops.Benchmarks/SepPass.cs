using System.Globalization;
using nietras.SeparatedValues;

namespace Mlops.Benchmarks;

/// <summary>
/// The floor of reading a CSV on every core: Sep's parallel enumeration, each cell unescaped and tried as a number,
/// which is the least any profile does with a cell. scripts/bench-data-quality sets the gate against it.
/// </summary>
internal static class SepPass
{
    public static (long Rows, long Numbers) Run(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        long rows = 0;
        long numbers = 0;
        foreach (var count in reader.ParallelEnumerate(Numbers))
        {
            rows++;
            numbers += count;
        }

        return (rows, numbers);
    }

    private static int Numbers(SepReader.Row row)
    {
        var count = 0;
        for (var i = 0; i < row.ColCount; i++)
        {
            count += double.TryParse(row[i].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? 1 : 0;
        }

        return count;
    }
}
