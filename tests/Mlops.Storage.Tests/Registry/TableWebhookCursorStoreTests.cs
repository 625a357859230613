using Mlops.Core.Datasets;
using Mlops.Core.Events;
using Mlops.Core.Webhooks;

namespace Mlops.Storage.Tests.Registry;

public sealed class TableWebhookCursorStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly IWebhookCursorStore cursors = fixture.Get<IWebhookCursorStore>();
    private readonly IRegistryEventLog events = fixture.Get<IRegistryEventLog>();
    private readonly WebhookSpec webhook = new(new Uri("https://example.com/hook"), []);

    [Fact]
    public async Task FirstClaim_CreatesTheCursorAtZero_AndAnotherOwnerWaitsForTheLease()
    {
        var model = TestModels.Unique("wh");

        var first = await cursors.TryClaimAsync(model, webhook, "owner-a", Lease, CancellationToken.None);
        var second = await cursors.TryClaimAsync(model, webhook, "owner-b", Lease, CancellationToken.None);

        Assert.NotNull(first.Cursor);
        Assert.Equal((0L, "owner-a", webhook.Key), (first.Cursor.LastSequence, first.Cursor.Owner, first.Cursor.Key));
        Assert.Null(second.Cursor);
        Assert.Equal(first.Cursor.LeaseUntil, second.NotBefore);
    }

    [Fact]
    public async Task AnAdvancedAndReleasedCursor_IsClaimedByTheNextOwner_WhereItWasLeft()
    {
        var model = TestModels.Unique("wh");
        var claimed = (await cursors.TryClaimAsync(model, webhook, "owner-a", Lease, CancellationToken.None)).Cursor!;

        var advanced = await cursors.TryUpdateAsync(claimed with { LastSequence = 7 }, CancellationToken.None);
        var released = await cursors.TryUpdateAsync(advanced! with { LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1) }, CancellationToken.None);
        var next = await cursors.TryClaimAsync(model, webhook, "owner-b", Lease, CancellationToken.None);

        Assert.NotNull(released);
        Assert.Equal((7L, "owner-b"), (next.Cursor!.LastSequence, next.Cursor.Owner));
        Assert.Equal(7, (await cursors.GetAsync(model, webhook.Key, CancellationToken.None))!.LastSequence);
    }

    [Fact]
    public async Task AnExpiredLease_IsTakenOver_AndTheOldHolderCanNoLongerMoveTheCursor()
    {
        var model = TestModels.Unique("wh");
        var stale = (await cursors.TryClaimAsync(model, webhook, "owner-a", TimeSpan.FromMilliseconds(1), CancellationToken.None)).Cursor!;
        await Task.Delay(20);

        var takeover = await cursors.TryClaimAsync(model, webhook, "owner-b", Lease, CancellationToken.None);
        var lateWrite = await cursors.TryUpdateAsync(stale with { LastSequence = 99 }, CancellationToken.None);

        Assert.Equal("owner-b", takeover.Cursor!.Owner);
        Assert.Null(lateWrite);
        Assert.Equal(0, (await cursors.GetAsync(model, webhook.Key, CancellationToken.None))!.LastSequence);
    }

    [Fact]
    public async Task TwentyOwnersRacing_ExactlyOneHoldsTheLease()
    {
        var model = TestModels.Unique("wh");
        var existing = (await cursors.TryClaimAsync(model, webhook, "setup", Lease, CancellationToken.None)).Cursor!;
        await cursors.TryUpdateAsync(existing with { LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1) }, CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cursors.TryClaimAsync(model, webhook, $"owner-{i}", Lease, CancellationToken.None)));

        var winners = claims.Where(c => c.Cursor is not null).ToList();
        Assert.Single(winners);
        Assert.Equal(winners[0].Cursor!.Owner, (await cursors.GetAsync(model, webhook.Key, CancellationToken.None))!.Owner);
    }

    [Fact]
    public async Task TwentyNewOwnersRacing_ToCreateTheCursor_ExactlyOneHoldsIt()
    {
        var model = TestModels.Unique("wh");

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cursors.TryClaimAsync(model, webhook, $"owner-{i}", Lease, CancellationToken.None)));

        Assert.Single(claims, c => c.Cursor is not null);
    }

    [Fact]
    public async Task AWebhookBackingOff_IsNotClaimedBeforeItsRetryTime()
    {
        var model = TestModels.Unique("wh");
        var claimed = (await cursors.TryClaimAsync(model, webhook, "owner-a", Lease, CancellationToken.None)).Cursor!;
        var retryAt = DateTimeOffset.UtcNow.AddMinutes(5);
        await cursors.TryUpdateAsync(
            claimed with { Failures = 1, RetryAt = retryAt, LastError = "HTTP 500", LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1) },
            CancellationToken.None);

        var claim = await cursors.TryClaimAsync(model, webhook, "owner-b", Lease, CancellationToken.None);
        var stored = await cursors.GetAsync(model, webhook.Key, CancellationToken.None);

        Assert.Null(claim.Cursor);
        Assert.Equal(retryAt.ToUnixTimeMilliseconds(), claim.NotBefore!.Value.ToUnixTimeMilliseconds());
        Assert.Equal((1, "HTTP 500"), (stored!.Failures, stored.LastError));
    }

    [Fact]
    public async Task CursorRows_DoNotShowInTheEventLog_AndHeadsNameEveryModelWithEvents()
    {
        var model = TestModels.Unique("wh");
        await events.AppendAsync(model, RegistryEventTypes.Alert, new Dictionary<string, object?> { ["reason"] = "a" }, CancellationToken.None);
        await events.AppendAsync(model, RegistryEventTypes.Alert, new Dictionary<string, object?> { ["reason"] = "b" }, CancellationToken.None);
        await cursors.TryClaimAsync(model, webhook, "owner-a", Lease, CancellationToken.None);

        var log = await events.ListAsync(model, 0, 100, CancellationToken.None);
        var heads = await events.ListHeadsAsync(CancellationToken.None);

        Assert.Equal([1L, 2], log.Select(e => e.Sequence));
        Assert.Contains(new EventLogHead(model, 2), heads);
    }
}
