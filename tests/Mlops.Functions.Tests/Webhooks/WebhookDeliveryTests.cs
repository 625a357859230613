using System.Diagnostics;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Events;
using Mlops.Core.Registry;
using Mlops.Core.Webhooks;
using Mlops.Functions.Http.Contracts;
using Mlops.Functions.Webhooks;

namespace Mlops.Functions.Tests.Webhooks;

/// <summary>
/// Deliveries from the app's own dispatcher, over Azurite, to a real HTTP receiver: in order, at least once, signed,
/// and never in the way of the appends that cause them.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookHostFixture fixture) : IClassFixture<WebhookHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly IDatasetStore datasets = fixture.Get<IDatasetStore>();
    private readonly IRegistryEventLog events = fixture.Get<IRegistryEventLog>();
    private readonly IModelRegistry registry = fixture.Get<IModelRegistry>();
    private readonly IWebhookCursorStore cursors = fixture.Get<IWebhookCursorStore>();

    [Fact]
    public async Task AReceiverWhoseFirstDeliveryFails_GetsEveryEventInOrder_SignedOverTheBody_AndCanDropTheDuplicateById()
    {
        var model = Model();
        var receiver = fixture.Receiver.Add(n => n == 0 ? ReceiverAnswer.ServerError : ReceiverAnswer.Ok);
        await SpecAsync(model, receiver.Url);

        for (var i = 1; i <= 5; i++)
        {
            await AlertAsync(model, i);
        }

        await Until(() => receiver.Acknowledged.Count == 5);
        var received = receiver.Received;
        var acknowledged = receiver.Acknowledged;
        var log = await events.ListAsync(model, 0, 100, CancellationToken.None);

        Assert.Equal(ReceiverAnswer.ServerError, received[0].Answer);
        Assert.Equal(received[0].EventId, received[1].EventId);
        Assert.Equal([1L, 2, 3, 4, 5], acknowledged.Select(d => Sequence(d.Body)));
        Assert.Equal(log.Select(e => e.Id), acknowledged.Select(d => d.EventId));
        Assert.All(received, d => Assert.True(WebhookSignature.Verify(WebhookHostFixture.SigningKey, d.Body, d.Signature), $"signature of {d.EventId}"));
        Assert.All(received, d => Assert.Equal("application/json; charset=utf-8", d.ContentType));
        Assert.All(acknowledged, d => Assert.Equal(RegistryEventTypes.Alert, d.EventType));
        Assert.Equal(log.Select(e => RegistryEventView.Of(e).ToUtf8Json()), acknowledged.Select(d => d.Body));
    }

    [Fact]
    public async Task AReceiverFailingBeyondItsRetries_StopsDeliveryAtThatEvent_AndTheEventsAfterItWait()
    {
        var model = Model();

        // Two attempts per delivery (one retry): the first two deliveries of event 1 fail entirely.
        var receiver = fixture.Receiver.Add(n => n < 4 ? ReceiverAnswer.ServerError : ReceiverAnswer.Ok);
        var webhook = await SpecAsync(model, receiver.Url);

        for (var i = 1; i <= 3; i++)
        {
            await AlertAsync(model, i);
        }

        await Until(() => receiver.Acknowledged.Count == 3);
        var sequences = receiver.Received.Select(d => Sequence(d.Body)).ToList();

        Assert.Equal([1L, 1, 1, 1, 1], sequences.Take(5));
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal([1L, 2, 3], receiver.Acknowledged.Select(d => Sequence(d.Body)));
        await Until(async () => (await cursors.GetAsync(model, webhook.Key, CancellationToken.None)) is { LastSequence: 3, Failures: 0, RetryAt: null });
    }

    [Theory]
    [InlineData(ReceiverAnswer.NoAnswer)]
    [InlineData(ReceiverAnswer.ServerError)]
    public async Task AReceiverThatNeverAcknowledges_DoesNotHoldUpAppendsOrRegistrations(ReceiverAnswer answer)
    {
        var model = Model();
        var receiver = fixture.Receiver.Add(_ => answer);
        var webhook = await SpecAsync(model, receiver.Url);

        var clock = Stopwatch.StartNew();
        for (var version = 1; version <= 3; version++)
        {
            var runId = $"{model}-run-{version}";
            var reserved = await registry.ReserveVersionAsync(model, runId, CancellationToken.None);
            await registry.CommitVersionAsync(Version(model, reserved, runId), CancellationToken.None);
            await AlertAsync(model, version);
        }

        Assert.True(await registry.TrySetAliasAsync(model, Aliases.Champion, 3, null, CancellationToken.None));
        clock.Stop();

        // Had any of the seven appends waited for the receiver, it alone would take two attempt timeouts.
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(2 * WebhookHostFixture.AttemptTimeoutMilliseconds), $"appends took {clock.Elapsed}");
        Assert.Equal(7, (await events.ListAsync(model, 0, 100, CancellationToken.None)).Count);
        await Until(() => receiver.Received.Count >= 2);
        Assert.All(receiver.Received, d => Assert.Equal(1, Sequence(d.Body)));
        await Until(async () => (await cursors.GetAsync(model, webhook.Key, CancellationToken.None)) is { LastSequence: 0, Failures: > 0, LastError: not null });
    }

    [Fact]
    public async Task AWebhookAddedAfterTheEvents_IsSentTheModelsLogByTheSweep_OnlyTheTypesItAsksFor()
    {
        var model = Model();
        await AlertAsync(model, 1);
        var reserved = await registry.ReserveVersionAsync(model, $"{model}-run", CancellationToken.None);
        await registry.CommitVersionAsync(Version(model, reserved, $"{model}-run"), CancellationToken.None);
        await AlertAsync(model, 2);
        var receiver = fixture.Receiver.Add(_ => ReceiverAnswer.Ok);
        var webhook = await SpecAsync(model, receiver.Url, RegistryEventTypes.VersionRegistered);

        // No event follows the spec, so no signal: the timer's sweep is what delivers.
        await fixture.Get<WebhookSweep>().RunAsync(CancellationToken.None);

        Assert.Equal([(model + ":2", RegistryEventTypes.VersionRegistered)], receiver.Acknowledged.Select(d => (d.EventId, d.EventType)));
        Assert.Equal(3, (await cursors.GetAsync(model, webhook.Key, CancellationToken.None))!.LastSequence);
    }

    private static string Model() => $"wh-{Guid.NewGuid():N}";

    private static long Sequence(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("sequence").GetInt64();
    }

    private static ModelVersion Version(string model, int version, string runId) => new(
        model,
        version,
        DateTimeOffset.UtcNow,
        runId,
        "FastTreeBinary",
        new Dictionary<string, string>(),
        new Dictionary<string, double> { ["auc"] = 0.9 },
        new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"]),
        new Lineage($"{model}/data.csv", "\"0x8D\"", new string('a', 64), runId, null),
        new string('b', 64));

    private static async Task Until(Func<bool> condition) => await Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Patience, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }

    private async Task<WebhookSpec> SpecAsync(string model, Uri url, params string[] types)
    {
        var json = JsonSerializer.Serialize(new { webhooks = new[] { new { url = url.AbsoluteUri, events = types } } });
        await datasets.WriteSpecAsync(model, json, CancellationToken.None);
        return ModelSpecParser.Parse(json, out _)!.Webhooks.Single();
    }

    private Task AlertAsync(string model, int i) =>
        events.AppendAsync(model, RegistryEventTypes.Alert, new Dictionary<string, object?> { ["reason"] = $"alert {i}" }, CancellationToken.None);
}
