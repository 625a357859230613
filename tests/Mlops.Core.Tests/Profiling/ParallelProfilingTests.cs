using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;
using Mlops.Core.Tests.Datasets;

namespace Mlops.Core.Tests.Profiling;

/// <summary>The profile made on several threads is the one made on one, value for value and sketch for sketch.</summary>
public class ParallelProfilingTests
{
    private static readonly string[] Cities = ["Lisboa", "Porto", "Braga", "Faro", "Coimbra"];

    /// <summary>
    /// Every kind of column, each past the exact bound where it can be (so sketches, not counts, make its profile),
    /// missing values, repeated rows, and enough rows for a few dozen chunks.
    /// </summary>
    private static CsvBuilder Mixed(int rows) =>
        CsvBuilder.WithColumns("id", "amount", "small", "city", "flag", "day", "note", "mostly_numbers", "label").Rows(rows, i =>
        {
            var j = i % 9_000 == 7 ? i - 1 : i; // every 9,000th row repeats the one before
            var random = new Random(j);
            return
            [
                (j % 25_000).ToString(CultureInfo.InvariantCulture),
                j % 17 == 0 ? "" : (random.NextDouble() * 1_000).ToString("0.###", CultureInfo.InvariantCulture),
                (j % 7).ToString(CultureInfo.InvariantCulture),
                j % 23 == 0 ? "NA" : Cities[random.Next(Cities.Length)],
                j % 3 == 0 ? "yes" : "no",
                new DateTime(2020, 1, 1).AddMinutes(j * 37).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                $"note {random.Next(5_000)} about \"{Cities[j % 5]}\"",
                j == 20_000 ? "n/a-ish" : random.Next(3_000).ToString(CultureInfo.InvariantCulture),
                random.Next(2) == 0 ? "a" : "b",
            ];
        });

    private static DatasetProfile Profile(CsvBuilder csv, int workers, int duplicateLimit = 1 << 19)
    {
        var profiler = new DatasetProfiler(new ProfilerSettings { Label = "label", Workers = workers, DuplicateRowLimit = duplicateLimit });
        Assert.Null(CsvDatasetReader.Read(csv.ToStream(), profiler).Error);
        return profiler.Complete();
    }

    private static string Json(DatasetProfile profile) =>
        JsonSerializer.Serialize(new { profile, profile.DuplicateSampleRate, Sample = profile.Sample.Rows }, MlopsJson.Options);

    [Fact]
    public void TheProfileIsTheSameWhateverTheNumberOfWorkers()
    {
        var csv = Mixed(60_000);

        var one = Profile(csv, workers: 1);
        var two = Profile(csv, workers: 2);
        var seven = Profile(csv, workers: 7);

        // The kinds the file was built to have, and sketches in play: the comparison covers more than exact counts.
        Assert.Equal(
            [InferredType.Numeric, InferredType.Numeric, InferredType.Numeric, InferredType.Categorical, InferredType.Boolean, InferredType.DateTime, InferredType.Text, InferredType.Text, InferredType.Categorical],
            one.Columns.Select(c => c.Type));
        Assert.False(one.Columns.Single(c => c.Name == "amount").DistinctExact);
        Assert.False(one.Columns.Single(c => c.Name == "note").TopCategoriesExact);
        Assert.True(one.DuplicateRowRate > 0);

        Assert.Equal(Json(one), Json(two));
        Assert.Equal(Json(one), Json(seven));
    }

    [Fact]
    public void DuplicatesSampledPastTheLimitAreJudgedTheSameInParallel()
    {
        var csv = Mixed(40_000);

        var one = Profile(csv, workers: 1, duplicateLimit: 1_000);
        var four = Profile(csv, workers: 4, duplicateLimit: 1_000);

        Assert.False(one.DuplicatesExact);
        Assert.Equal(one.DuplicateRowRate, four.DuplicateRowRate);
        Assert.Equal(one.DuplicateSampleRate, four.DuplicateSampleRate);
    }

    [Fact]
    public void DuplicateRowCounter_TheSameWhateverTheOrderOfRows()
    {
        var hashes = Enumerable.Range(0, 50_000).Select(i => ValueHash.Finish((ulong)(i % 30_000))).ToArray();
        var shuffled = hashes.ToArray();
        new Random(3).Shuffle(shuffled);
        var inOrder = new DuplicateRowCounter(limit: 2_000);
        var outOfOrder = new DuplicateRowCounter(limit: 2_000);

        foreach (var (a, b) in hashes.Zip(shuffled))
        {
            inOrder.Add(a);
            outOfOrder.Add(b);
        }

        Assert.False(inOrder.Exact);
        Assert.Equal((inOrder.DuplicateRate, inOrder.SampleRate), (outOfOrder.DuplicateRate, outOfOrder.SampleRate));
    }

    [Fact]
    public void RowsWithTheSameValuesInOtherColumnsAreNotDuplicates()
    {
        var csv = CsvBuilder.WithColumns("a", "b", "label").Rows(2_000, i => i % 2 == 0
            ? [(i / 2).ToString(CultureInfo.InvariantCulture), "x", "1"]
            : ["x", ((i - 1) / 2).ToString(CultureInfo.InvariantCulture), "1"]);

        Assert.Equal(0, Profile(csv, workers: 2).DuplicateRowRate);
        var repeated = CsvBuilder.WithColumns("a", "b", "label").Rows(2_000, i => [(i % 1_000).ToString(CultureInfo.InvariantCulture), "x", "1"]);
        Assert.Equal(0.5, Profile(repeated, workers: 2).DuplicateRowRate, 9);
    }
}
