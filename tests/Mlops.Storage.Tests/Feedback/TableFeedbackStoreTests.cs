using Mlops.Core.Feedback;

namespace Mlops.Storage.Tests.Feedback;

public class TableFeedbackStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IFeedbackStore store = fixture.Get<IFeedbackStore>();

    [Fact]
    public async Task RecordAsync_SecondLabel_ReplacesTheFirst()
    {
        var model = TestModels.Unique("fb");
        var first = new FeedbackRecord(model, "pred-1", "no", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var second = first with { Label = "yes", Timestamp = first.Timestamp.AddMinutes(5) };

        await store.RecordAsync(first, CancellationToken.None);
        Assert.Equal(first, await store.GetAsync(model, "pred-1", CancellationToken.None));
        await store.RecordAsync(second, CancellationToken.None);

        Assert.Equal(second, await store.GetAsync(model, "pred-1", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_NoFeedback_ReturnsNull()
    {
        Assert.Null(await store.GetAsync(TestModels.Unique("fb"), "pred-1", CancellationToken.None));
    }
}
