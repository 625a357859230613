using System.Text.Json;
using Mlops.Core.Events;

namespace Mlops.Core.Datasets;

/// <summary>
/// Reads the spec's <c>"webhooks": [{"url": "https://...", "events": ["version.registered", ...]}]</c>, naming the
/// property of every mistake as the rest of <see cref="ModelSpecParser"/> does.
/// </summary>
internal static class ModelSpecWebhooksReader
{
    /// <summary>Each webhook is delivered in order with its own cursor; a spec is not a fan-out service.</summary>
    public const int MaxWebhooks = 10;

    public static string? Read(JsonProperty property, out IReadOnlyList<WebhookSpec> webhooks)
    {
        webhooks = [];
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            return $"'{property.Name}' must be an array such as [{{\"url\": \"https://example.com/hook\"}}], but it is {ModelSpecText.Show(property.Value)}.";
        }

        if (property.Value.GetArrayLength() > MaxWebhooks)
        {
            return $"'{property.Name}' has {property.Value.GetArrayLength()} webhooks, but a model may have at most {MaxWebhooks}.";
        }

        var read = new List<WebhookSpec>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            var problem = ReadOne(item, $"{property.Name}[{index}]", out var webhook);
            if (problem is not null)
            {
                return problem;
            }

            if (read.Any(w => w.Key == webhook!.Key))
            {
                return $"'{property.Name}[{index}].url' repeats {webhook!.Url.AbsoluteUri}; list each URL once, with all the events it wants.";
            }

            read.Add(webhook!);
            index++;
        }

        webhooks = read;
        return null;
    }

    private static string? ReadOne(JsonElement item, string name, out WebhookSpec? webhook)
    {
        webhook = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"'{name}' must be an object such as {{\"url\": \"https://example.com/hook\"}}, but it is {ModelSpecText.Show(item)}.";
        }

        Uri? url = null;
        IReadOnlyList<string> events = [];
        foreach (var field in item.EnumerateObject())
        {
            var problem = field.Name.ToUpperInvariant() switch
            {
                "URL" => ReadUrl(field.Value, $"{name}.url", out url),
                "EVENTS" => ReadEvents(field.Value, $"{name}.events", out events),
                _ => $"'{name}.{field.Name}' is not a webhook property; the properties are url and events.",
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        if (url is null)
        {
            return $"'{name}.url' is missing; a webhook needs the absolute http(s) URL its events are POSTed to.";
        }

        webhook = new WebhookSpec(url, events);
        return null;
    }

    private static string? ReadUrl(JsonElement value, string name, out Uri? url)
    {
        url = null;
        if (value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString()!.Trim(), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(parsed.Host)
            && string.IsNullOrEmpty(parsed.UserInfo))
        {
            url = parsed;
            return null;
        }

        return $"'{name}' is {ModelSpecText.Show(value)}, but it must be an absolute http or https URL without credentials, such as \"https://example.com/hook\".";
    }

    private static string? ReadEvents(JsonElement value, string name, out IReadOnlyList<string> events)
    {
        events = [];
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"'{name}' must be an array of event types, but it is {ModelSpecText.Show(value)}.";
        }

        var read = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var type = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (type is null || !RegistryEventTypes.All.Contains(type, StringComparer.Ordinal))
            {
                return $"'{name}[{index}]' is {ModelSpecText.Show(item)}, but it must be one of {string.Join(", ", RegistryEventTypes.All.Select(t => $"\"{t}\""))}.";
            }

            if (!read.Contains(type, StringComparer.Ordinal))
            {
                read.Add(type);
            }

            index++;
        }

        events = read;
        return null;
    }
}
