namespace Mlops.Workflows.Tests.WarmStarts;

/// <summary>With Training__WarmStart=false a second run of a model searches as its first did, from the trainers' defaults.</summary>
public sealed class ColdStartEngineTests(ColdStartEngineFixture engine) : IClassFixture<ColdStartEngineFixture>
{
    [Fact]
    public async Task WarmStartOff_ASecondRunOfTheModel_StartsCold()
    {
        var model = ModelRuns.Unique("cold");
        var first = await ModelRuns.RunAsync(engine, model, "first.csv", ModelRuns.BreastCancer());
        Assert.True(first.Result.Promoted, first.Result.Reason);

        var second = await ModelRuns.RunAsync(engine, model, "second.csv", ModelRuns.HalfOfBreastCancer());

        // The cold plan depends on the trainers and the seed alone, so both runs try the same configurations in the same order.
        Assert.Null(second.Record.WarmStart);
        Assert.Equal(first.Record.Trials.Select(t => t.Configuration), second.Record.Trials.Select(t => t.Configuration));
        Assert.Equal(["LightGbmBinary", "LbfgsLogisticRegression", "FastTreeBinary", "FastForestBinary"], second.Record.Trials.Select(t => t.Configuration.Trainer));
        Assert.DoesNotContain("warm-started", second.TrainDetail, StringComparison.Ordinal);
    }
}
