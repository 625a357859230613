using System.Text.Json;
using Mlops.Core.Events;

namespace Mlops.Functions.Http.Contracts;

/// <summary>One entry of GET /api/models/{model}/events, and the body of a webhook delivery: the same JSON both ways.</summary>
public sealed record RegistryEventView(string Id, long Sequence, string Type, DateTimeOffset At, JsonElement Data)
{
    public static RegistryEventView Of(RegistryEvent registryEvent)
    {
        ArgumentNullException.ThrowIfNull(registryEvent);
        return new(registryEvent.Id, registryEvent.Sequence, registryEvent.Type, registryEvent.At, registryEvent.Data);
    }

    /// <summary>
    /// The bytes a webhook receives and signs over: the web defaults (camelCase) the HTTP responses are written with,
    /// so a receiver parses a delivery exactly as it parses an item of the events list.
    /// </summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web);
}
