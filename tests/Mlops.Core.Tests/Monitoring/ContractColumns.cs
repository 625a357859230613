using System.Globalization;
using MathNet.Numerics.Distributions;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Tests.Monitoring;

/// <summary>
/// Builds the column profiles a champion's data contract would hold, by running the real profiler over seeded
/// synthetic training data, so drift is measured against the histograms and quantiles production stores (KLL
/// sketch and all), not against an idealized reference.
/// </summary>
internal static class ContractColumns
{
    /// <summary>Seeded standard-normal values scaled to <paramref name="mean"/> and <paramref name="deviation"/>.</summary>
    public static double[] Normal(int count, int seed, double mean = 0, double deviation = 1)
    {
        var values = new double[count];
        MathNet.Numerics.Distributions.Normal.Samples(new Random(seed), values, mean, deviation);
        return values;
    }

    /// <summary>Seeded draws of <paramref name="categories"/> with the given <paramref name="weights"/>.</summary>
    public static string[] Categories(int count, int seed, string[] categories, double[] weights)
    {
        var draws = new int[count];
        Categorical.Samples(new Random(seed), draws, weights);
        return [.. draws.Select(d => categories[d])];
    }

    /// <summary>The profiles of columns holding <paramref name="columns"/>' values, as the data gate would store them.</summary>
    public static IReadOnlyDictionary<string, ColumnProfile> Profile(IReadOnlyDictionary<string, string[]> columns)
    {
        var names = columns.Keys.ToArray();
        var profiler = new DatasetProfiler();
        profiler.Header(names);
        var rows = columns[names[0]].Length;
        var cells = new string[names.Length];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < names.Length; column++)
            {
                cells[column] = columns[names[column]][row];
            }

            profiler.Row(new CsvRow(cells));
        }

        return profiler.Complete().Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public static string[] Text(double[] values) => [.. values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
}
