using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Ingestion;
using Mlops.Core.Training;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Datasets;

/// <summary>Training's sample of a file larger than its memory budget: bounded, stratified, deterministic, in file order.</summary>
public class RowSamplingTests
{
    [Fact]
    public void AFileWithinTheSample_IsReadWhole_InFileOrder()
    {
        var csv = Csv(500, rare: 0);

        var whole = Read(csv, sampling: null);
        var sampled = Read(csv, new RowSampling(1_000, "label", 7));

        Assert.Equal(Positions(whole), Positions(sampled));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (float)i), Positions(sampled));
        Assert.Equal(500, sampled.RowsInFile);
        Assert.False(sampled.IsSample);
    }

    [Fact]
    public void ALargerFile_KeepsTheSample_EveryRowOfARareClass_AndTheCommonClassesShares()
    {
        var csv = Csv(100_000, rare: 40);

        var sampled = Read(csv, new RowSampling(10_000, "label", 7, MinRowsPerStratum: 100));

        Assert.Equal(100_040, sampled.RowsInFile);
        Assert.True(sampled.IsSample);
        Assert.InRange(sampled.RowCount, 10_000, 10_000 + 40 + 300);
        var byLabel = Enumerable.Range(0, sampled.RowCount).GroupBy(sampled.Label.Text).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(40, byLabel["rare"]);
        Assert.InRange(byLabel["a"] / (double)(byLabel["a"] + byLabel["b"]), 0.68, 0.72);
        var positions = Positions(sampled);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions.Length, positions.Distinct().Count());
    }

    [Fact]
    public void TheSample_IsTheSameForTheSameSeed_AndAnotherForAnother()
    {
        var csv = Csv(20_000, rare: 5);
        float[] Draw(ulong seed) => Positions(Read(csv, new RowSampling(2_000, "label", seed)));

        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }

    [Fact]
    public void TheSample_KeepsEachSampledRowsOwnValues()
    {
        var csv = Csv(30_000, rare: 0);

        var sampled = Read(csv, new RowSampling(1_000, "label", 3));

        // Slots are reused as rows leave the sample: every kept row must still carry its own cells ("i % 17").
        var x = ((NumberColumn)sampled.Column("x")!).Values;
        Assert.All(Enumerable.Range(0, sampled.RowCount), r => Assert.Equal(Source(csv, (int)Positions(sampled)[r]), (x[r], sampled.Label.Text(r))));
    }

    [Fact]
    public void TheBudget_SetsTheRows_ForOneTrial_NeverBelowTheFloor_AndTheConcurrencyForThoseRows()
    {
        var options = new TrainingOptions { MemoryBudgetMegabytes = 1_024, MaxConcurrentTrials = 4 };
        var rows = TrainingMemory.MaxRows(options, 21);

        Assert.Equal((int)((1_024L << 20) / (21 * (TrainingMemory.SharedBytesPerCell + TrainingMemory.TrialBytesPerCell))), rows);
        Assert.Equal(TrainingMemory.MinRows, TrainingMemory.MaxRows(new TrainingOptions { MemoryBudgetMegabytes = 64 }, 2_000));

        // All the rows that fit come first: on as many as fit, one trial at a time; on fewer, more at once.
        Assert.Equal(1, TrainingMemory.Concurrency(options, 21, rows));
        Assert.Equal(2, TrainingMemory.Concurrency(options, 21, rows / 2));
        Assert.Equal(4, TrainingMemory.Concurrency(options, 21, 1_000));
        Assert.Equal(1, TrainingMemory.Concurrency(options, 21, rows * 10L));

        // Free text is featurized into many n-grams per trial: it weighs as many cells.
        var withText = new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric), new ColumnSchema("note", ColumnKind.Text)], "y", MlTask.Regression, []);
        Assert.Equal(2 + TrainingMemory.TextCellWeight, TrainingMemory.Cells(withText));
        Assert.Equal(TrainingMemory.MaxRows(options, 2 + TrainingMemory.TextCellWeight), TrainingMemory.Sampling(options, withText).MaxRows);
        // A date becomes its schema's numeric parts in every row a trial reads: seven now, five in schemas from before.
        var withDate = new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric), new ColumnSchema("at", ColumnKind.Date)], "y", MlTask.Regression, []);
        Assert.Equal(2 + 5, TrainingMemory.Cells(withDate));
        Assert.Equal(2 + 7, TrainingMemory.Cells(withDate with { DatePartCount = 7 }));
        var regression = new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric)], "y", MlTask.Regression, []);
        Assert.Null(TrainingMemory.Sampling(options, regression).StratifyBy);
    }

    [Fact]
    public void TheGate_SaysWhenTrainingWillUseASample_AndPassesTheData()
    {
        var csv = Csv(450_000, rare: 0);
        var tight = new TrainingOptions { MemoryBudgetMegabytes = 64, MaxConcurrentTrials = 64 };
        ValidationReport Validate(TrainingOptions? training) =>
            new DatasetValidator(Options.Create(new ValidationOptions()), null, training is null ? null : Options.Create(training)).Validate(Stream(csv), "{\"label\":\"label\",\"id\":[\"i\"]}");

        var sampled = Validate(tight);
        var whole = Validate(new TrainingOptions());

        var finding = Assert.Single(sampled.Findings, f => f.Rule == ValidationRules.TrainingSample);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("450,000 rows", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"{TrainingMemory.MaxRows(tight, 2):N0}", finding.Message, StringComparison.Ordinal);
        Assert.Contains("one trial at a time", finding.Message, StringComparison.Ordinal);
        Assert.Contains("stratified by 'label'", finding.Message, StringComparison.Ordinal);
        Assert.NotNull(sampled.Schema);
        Assert.DoesNotContain(whole.Findings, f => f.Rule == ValidationRules.TrainingSample);
    }

    [Fact]
    public void ADatasetLimitBelowTheUploadLimit_IsRefusedOnStart()
    {
        var options = new IngestionOptions { MaxUploadBytes = 1_000, MaxDatasetBytes = 999 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains("MaxDatasetBytes", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>Rows "i,x,label": labels a and b at 70/30, then <paramref name="rare"/> rows of "rare" spread through the file.</summary>
    private static string Csv(int rows, int rare)
    {
        var text = new StringBuilder("i,x,label\n");
        var every = rare == 0 ? int.MaxValue : rows / rare;
        var position = 0;
        for (var i = 0; i < rows; i++)
        {
            if (i % every == every / 2 && rare-- > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{position++},{i % 13},rare\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{position++},{i % 17},{(i % 10 < 7 ? "a" : "b")}\n");
        }

        return text.ToString();
    }

    private static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));

    private static readonly DatasetSchema Schema = new([new ColumnSchema("i", ColumnKind.Numeric), new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.MulticlassClassification, ["a", "b", "rare"]);

    private static ColumnarDataset Read(string csv, RowSampling? sampling)
    {
        var builder = new ColumnarDatasetBuilder(Schema, sampling);
        Assert.Null(CsvDatasetReader.Read(Stream(csv), builder, CsvDialectHint.Detect, CancellationToken.None).Error);
        return builder.Build();
    }

    private static float[] Positions(ColumnarDataset data) => ((NumberColumn)data.Column("i")!).Values;

    private static (float X, string? Label) Source(string csv, int position)
    {
        var cells = csv.Split('\n')[position + 1].Split(',');
        return (float.Parse(cells[1], CultureInfo.InvariantCulture), cells[2]);
    }
}
