using System.Globalization;
using Mlops.Core.Errors;
using Mlops.Core.Serving;

namespace Mlops.Storage.Tests.Serving;

public class TablePredictionLogTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly IPredictionLog log = fixture.Get<IPredictionLog>();

    [Fact]
    public async Task RecordAsync_BatchOf250_EveryPredictionReadsBack()
    {
        var model = TestModels.Unique("pred");
        var other = TestModels.Unique("pred");
        var batch = Enumerable.Range(0, 250).Select(i => Prediction(model, i))
            .Concat(Enumerable.Range(0, 3).Select(i => Prediction(other, i)))
            .ToList();

        await log.RecordAsync(batch, CancellationToken.None);

        foreach (var expected in batch)
        {
            Assert.Equal(expected, await log.GetAsync(expected.Model, expected.PredictionId, CancellationToken.None));
        }
    }

    [Fact]
    public async Task RecordAsync_SameBatchTwice_IsHarmless()
    {
        var model = TestModels.Unique("pred");
        var batch = Enumerable.Range(0, 5).Select(i => Prediction(model, i)).ToList();

        await log.RecordAsync(batch, CancellationToken.None);
        await log.RecordAsync(batch, CancellationToken.None);

        Assert.Equal(batch[4], await log.GetAsync(model, batch[4].PredictionId, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_FeaturesLargerThanATableProperty_ReadBack()
    {
        var model = TestModels.Unique("pred");
        var wide = Prediction(model, 0) with { FeaturesJson = "{\"text\":\"" + new string('x', 70_000) + "\"}" };

        await log.RecordAsync([wide], CancellationToken.None);

        Assert.Equal(wide, await log.GetAsync(model, wide.PredictionId, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await log.GetAsync(TestModels.Unique("pred"), Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("")]
    public async Task GetAsync_IdThatCannotBeAKey_ThrowsInvalid(string predictionId)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => log.GetAsync("model", predictionId, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    private static PredictionRecord Prediction(string model, int i) => new(
        model,
        $"p{i.ToString("D5", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}",
        1 + (i % 2),
        i % 2 == 0 ? "champion" : "challenger",
        At.AddSeconds(i),
        $$"""{"x":{{i}},"color":"red"}""",
        i % 3 == 0 ? "yes" : "no",
        i % 5 == 0 ? null : i / 250.0,
        i % 7 == 0 ? null : $"user-{i}");
}
