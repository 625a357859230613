using Mlops.Core.Datasets;
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

    [Fact]
    public void Resolve_WithoutNames_IsTheWholeCatalog_AsPlansRecordedBeforeTheChoiceSearched()
    {
        Assert.Equal(4, TrainerChoice.Resolve(MlTask.BinaryClassification, null).Count);
        Assert.Equal(["SdcaRegression"], TrainerChoice.Resolve(MlTask.Regression, ["SdcaRegression"]).Select(t => t.Name));
    }

    private static IEnumerable<ColumnSchema> Numeric(int count) => Enumerable.Range(0, count).Select(i => new ColumnSchema($"x{i}", ColumnKind.Numeric));

    private static DatasetSchema Schema(MlTask task, IEnumerable<ColumnSchema> features) =>
        new([.. features], "y", task, task == MlTask.Regression ? [] : task == MlTask.BinaryClassification ? ["no", "yes"] : ["a", "b", "c"]);
}
