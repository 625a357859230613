using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

public class TrainerChoiceTests
{
    [Fact]
    public void For_TextFeatures_LeaveFastTreeAndFastForestOut_AndSayWhy()
    {
        var (trainers, leftOut) = TrainerChoice.For(Schema(MlTask.BinaryClassification, Numeric(3).Append(new ColumnSchema("review", ColumnKind.Text))));

        Assert.Equal(["LightGbmBinary", "LbfgsLogisticRegression"], trainers);
        Assert.StartsWith("FastTreeBinary and FastForestBinary were left out of the search: the data has text, whose word and character n-grams", leftOut, StringComparison.Ordinal);
    }

    [Fact]
    public void For_MulticlassText_LeavesOneVersusAllFastTreeOut()
    {
        var (trainers, leftOut) = TrainerChoice.For(Schema(MlTask.MulticlassClassification, [new ColumnSchema("review", ColumnKind.Text)]));

        Assert.Equal(["LightGbmMulticlass", "LbfgsMaximumEntropy"], trainers);
        Assert.StartsWith("OneVersusAllFastTree was left out", leftOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(201, true)]
    public void For_NumericFeatures_LeaveThemOutOnlyAboveTheBound(int columns, bool leftOutExpected)
    {
        var (trainers, leftOut) = TrainerChoice.For(Schema(MlTask.Regression, Numeric(columns)));

        Assert.Equal(leftOutExpected, leftOut is not null);
        Assert.Equal(leftOutExpected ? ["LightGbmRegression", "SdcaRegression"] : ["LightGbmRegression", "SdcaRegression", "FastTreeRegression", "FastForestRegression"], trainers);
        if (leftOutExpected)
        {
            Assert.Contains("the data has 201 numeric features (more than 200)", leftOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void For_Dates_CountEveryPart_AndManyCategoriesCountNone()
    {
        // 29 dates of 7 parts are 203 numeric features; 500 categorical columns are one-hot groups FastTree handles at once.
        var dates = Enumerable.Range(0, 29).Select(i => new ColumnSchema($"d{i}", ColumnKind.Date));
        var categories = Enumerable.Range(0, 500).Select(i => new ColumnSchema($"c{i}", ColumnKind.Categorical));

        Assert.NotNull(TrainerChoice.For(Schema(MlTask.Regression, dates) with { DatePartCount = 7 }).LeftOut);
        Assert.Null(TrainerChoice.For(Schema(MlTask.Regression, categories)).LeftOut);
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.99, false)]
    public void For_ARegressionLabelNeverNegative_SearchesTheTweedieTrainerOnlyWhenSkewed(double skewness, bool searched)
    {
        var (trainers, leftOut) = TrainerChoice.For(Schema(MlTask.Regression, Numeric(3)), skewness);

        Assert.Equal(searched, trainers.Contains("FastTreeTweedieRegression"));
        Assert.Equal(["LightGbmRegression", "SdcaRegression", "FastTreeRegression", "FastForestRegression"], trainers.Where(t => t != "FastTreeTweedieRegression"));
        if (searched)
        {
            Assert.Null(leftOut);
        }
        else
        {
            Assert.Equal("FastTreeTweedieRegression was left out of the search: a Tweedie loss is for labels that are never negative with a long right tail (skewness 1 or more), and this one's skewness is 0.99.", leftOut);
        }
    }

    [Fact]
    public void For_ALabelThatCanBeNegative_LeavesTheTweedieTrainerOutWithoutASentence_AndTextLeavesItOutWithTheTrees()
    {
        var (trainers, leftOut) = TrainerChoice.For(Schema(MlTask.Regression, Numeric(3)), labelSkewness: null);
        var (withText, textLeftOut) = TrainerChoice.For(Schema(MlTask.Regression, [new ColumnSchema("review", ColumnKind.Text)]), labelSkewness: 3);

        Assert.DoesNotContain("FastTreeTweedieRegression", trainers);
        Assert.Null(leftOut);
        Assert.Equal(["LightGbmRegression", "SdcaRegression"], withText);
        Assert.StartsWith("FastTreeRegression, FastForestRegression and FastTreeTweedieRegression were left out of the search: the data has text", textLeftOut, StringComparison.Ordinal);
        Assert.DoesNotContain("skewness", textLeftOut, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelSkewness_IsTheSampleSkewnessOfTheRowsGiven_AndNullForALabelWithANegativeValue()
    {
        // 1, 1, 1, 1, 6: mean 2, deviations -1 (four times) and 4; m2 = 20 / 5 = 4, m3 = (-4 + 64) / 5 = 12, 12 / 4^1.5 = 1.5.
        var data = Regression([1, 1, 1, 1, 6, -5, float.NaN]);

        Assert.Equal(1.5, TrainerChoice.LabelSkewness(data, [0, 1, 2, 3, 4, 6])!.Value, 12);
        Assert.Null(TrainerChoice.LabelSkewness(data, [0, 1, 2, 3, 4, 5]));
        Assert.Equal(0, TrainerChoice.LabelSkewness(data, [0, 1, 2])!.Value);
        Assert.Null(TrainerChoice.LabelSkewness(data, [0, 1]));
    }

    [Fact]
    public void Resolve_WithoutNames_IsTheWholeCatalog_AsPlansRecordedBeforeTheChoiceSearched()
    {
        Assert.Equal(4, TrainerChoice.Resolve(MlTask.BinaryClassification, null).Count);
        Assert.Equal(["SdcaRegression"], TrainerChoice.Resolve(MlTask.Regression, ["SdcaRegression"]).Select(t => t.Name));
    }

    private static ColumnarDataset Regression(float[] labels)
    {
        var schema = Schema(MlTask.Regression, Numeric(1));
        var feature = new NumberColumn("x0", [.. labels.Select((_, i) => (float)i)]);
        return new ColumnarDataset(schema, [feature], new NumberColumn("y", labels), [.. labels.Select((_, i) => (ulong)i)], labels.Length);
    }

    private static IEnumerable<ColumnSchema> Numeric(int count) => Enumerable.Range(0, count).Select(i => new ColumnSchema($"x{i}", ColumnKind.Numeric));

    private static DatasetSchema Schema(MlTask task, IEnumerable<ColumnSchema> features) =>
        new([.. features], "y", task, task == MlTask.Regression ? [] : task == MlTask.BinaryClassification ? ["no", "yes"] : ["a", "b", "c"]);
}
