using Mlops.Core.Datasets;
using Mlops.Core.Events;
using Mlops.Core.Validation;

namespace Mlops.Core.Tests.Datasets;

public sealed class ModelSpecWebhooksTests
{
    [Fact]
    public void Parse_Webhooks_ReadsUrlsAndEvents_EventsOptionalMeaningAll()
    {
        const string Json = """
            {"webhooks": [
              {"url": "https://example.com/hooks/mlops", "events": ["version.registered", "alias.moved"]},
              {"url": "http://10.0.0.5:8080/all"}
            ]}
            """;

        var spec = ModelSpecParser.Parse(Json, out var error);

        Assert.Null(error);
        Assert.Equal(2, spec!.Webhooks.Count);
        Assert.Equal(new Uri("https://example.com/hooks/mlops"), spec.Webhooks[0].Url);
        Assert.Equal([RegistryEventTypes.VersionRegistered, RegistryEventTypes.AliasMoved], spec.Webhooks[0].Events);
        Assert.False(spec.Webhooks[0].Wants(RegistryEventTypes.Alert));
        Assert.Empty(spec.Webhooks[1].Events);
        Assert.All(RegistryEventTypes.All, type => Assert.True(spec.Webhooks[1].Wants(type)));
    }

    [Fact]
    public void WebhookKey_IsTheUrlsHash_SoReorderingKeepsEachCursor()
    {
        var first = new WebhookSpec(new Uri("https://example.com/a"), []);
        var again = new WebhookSpec(new Uri("https://example.com/a"), [RegistryEventTypes.Alert]);
        var other = new WebhookSpec(new Uri("https://example.com/b"), []);

        Assert.Equal(first.Key, again.Key);
        Assert.NotEqual(first.Key, other.Key);
        Assert.Matches("^[0-9a-f]{16}$", first.Key);
    }

    [Theory]
    [InlineData("""{"webhooks": [{"url": "/relative/path"}]}""", "'webhooks[0].url' is \"/relative/path\"")]
    [InlineData("""{"webhooks": [{"url": "ftp://example.com/x"}]}""", "'webhooks[0].url' is \"ftp://example.com/x\"")]
    [InlineData("""{"webhooks": [{"url": "https://user:secret@example.com/x"}]}""", "'webhooks[0].url'")]
    [InlineData("""{"webhooks": [{"url": "https://example.com/ok"}, {"url": 42}]}""", "'webhooks[1].url' is 42")]
    [InlineData("""{"webhooks": [{"events": ["alert"]}]}""", "'webhooks[0].url' is missing")]
    [InlineData("""{"webhooks": [{"url": "https://example.com/x", "events": ["version.deleted"]}]}""", "'webhooks[0].events[0]' is \"version.deleted\"")]
    [InlineData("""{"webhooks": [{"url": "https://example.com/x", "events": "alert"}]}""", "'webhooks[0].events' must be an array")]
    [InlineData("""{"webhooks": [{"url": "https://example.com/x", "secret": "s"}]}""", "'webhooks[0].secret' is not a webhook property")]
    [InlineData("""{"webhooks": [{"url": "https://example.com/x"}, {"url": "https://example.com/x"}]}""", "'webhooks[1].url' repeats")]
    [InlineData("""{"webhooks": {"url": "https://example.com/x"}}""", "'webhooks' must be an array")]
    [InlineData("""{"webhooks": ["https://example.com/x"]}""", "'webhooks[0]' must be an object")]
    public void Parse_BadWebhook_IsRefusedNamingTheField(string json, string expected)
    {
        var spec = ModelSpecParser.Parse(json, out var error);

        Assert.Null(spec);
        Assert.Equal(ValidationRules.InvalidSpec, error!.Rule);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownEventType_ListsTheKnownOnes()
    {
        ModelSpecParser.Parse("""{"webhooks": [{"url": "https://example.com/x", "events": ["version.deleted"]}]}""", out var error);

        Assert.Contains("\"version.registered\", \"alias.moved\"", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ElevenWebhooks_IsRefused_TenAreAccepted()
    {
        static string Hooks(int count) =>
            $$"""{"webhooks": [{{string.Join(", ", Enumerable.Range(0, count).Select(i => $$"""{"url": "https://example.com/{{i}}"}"""))}}]}""";

        Assert.NotNull(ModelSpecParser.Parse(Hooks(10), out _));
        Assert.Null(ModelSpecParser.Parse(Hooks(11), out var error));
        Assert.Contains("'webhooks' has 11 webhooks, but a model may have at most 10", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownProperty_NamesWebhooksAmongTheProperties()
    {
        ModelSpecParser.Parse("""{"hooks": []}""", out var error);

        Assert.Contains("thresholds, gates, promotion, monitoring, retrainSchedule, ensemble and webhooks", error!.Message, StringComparison.Ordinal);
    }
}
