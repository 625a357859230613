using System.Globalization;
using System.Text;

namespace Mlops.EndToEnd.Tests;

/// <summary>Generated datasets with a known rule, for tests that need size rather than realism.</summary>
internal static class SyntheticCsv
{
    /// <summary>Binary label = 1 when a weighted sum of the first features plus noise is positive; seeded.</summary>
    public static byte[] Binary(int rows, int features, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder();
        csv.AppendJoin(',', Enumerable.Range(0, features).Select(i => $"f{i}")).Append(",label\n");
        var values = new double[features];
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var f = 0; f < features; f++)
            {
                values[f] = Math.Round((random.NextDouble() * 2) - 1, 4);
                sum += values[f] * (f < 5 ? 5 - f : 0.1);
            }

            csv.AppendJoin(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture)))
               .Append(',').Append(sum + (random.NextDouble() - 0.5) > 0 ? '1' : '0').Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>
    /// Binary data with one positive row in every <paramref name="ratio"/> + 1: the minority class is 1/ratio of the
    /// majority, and the positives lean to a high first feature (overlapping the negatives: no single-column leak).
    /// </summary>
    public static byte[] Imbalanced(int rows, int ratio, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("f0,f1,f2,label\n");
        for (var r = 0; r < rows; r++)
        {
            var positive = r % (ratio + 1) == 0;
            var f0 = Math.Round((positive ? 0.6 : 0) + random.NextDouble(), 4);
            csv.Append(f0.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(Math.Round(random.NextDouble(), 4).ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(Math.Round(random.NextDouble(), 4).ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(positive ? "churned" : "stayed").Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>About <paramref name="bytes"/> of rows whose label has one value: the gate quarantines it in one pass.</summary>
    public static byte[] SingleLabel(long bytes)
    {
        var csv = new StringBuilder("id,value,label\n");
        for (var r = 0; csv.Length < bytes; r++)
        {
            csv.Append(r.ToString(CultureInfo.InvariantCulture)).Append(',').Append((r % 1000).ToString(CultureInfo.InvariantCulture)).Append(".25,0\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
