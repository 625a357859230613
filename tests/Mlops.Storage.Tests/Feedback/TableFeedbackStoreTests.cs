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
    public async Task FindAsync_AnswersTheLabelsOfTheAskedIdsOnly_EvenWithOthersInTheirRange()
    {
        var model = TestModels.Unique("fb");
        foreach (var id in new[] { "p10", "p11", "p12", "p13" })
        {
            await store.RecordAsync(new FeedbackRecord(model, id, "label-" + id, DateTimeOffset.UnixEpoch), CancellationToken.None);
        }

        var found = await store.FindAsync(model, ["p13", "p10", "p99"], CancellationToken.None);

        Assert.Equal(["label-p10", "label-p13"], found.Select(f => f.Label).Order());
        Assert.Empty(await store.FindAsync(model, [], CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_NoFeedback_ReturnsNull()
    {
        Assert.Null(await store.GetAsync(TestModels.Unique("fb"), "pred-1", CancellationToken.None));
    }
}
