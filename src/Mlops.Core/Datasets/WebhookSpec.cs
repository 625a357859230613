using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core.Datasets;

/// <summary>One of a model's webhooks (the spec's <c>"webhooks"</c>): where its events are POSTed, and which.</summary>
/// <param name="Url">An absolute http(s) URL.</param>
/// <param name="Events">The event types sent; empty for every type.</param>
public sealed record WebhookSpec(Uri Url, IReadOnlyList<string> Events)
{
    /// <summary>
    /// Names the webhook's delivery cursor: the first 16 hex digits of the URL's SHA-256. The URL, not its place in the
    /// list, so reordering the spec's webhooks keeps where each one stands.
    /// </summary>
    public string Key { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Url.AbsoluteUri)))[..16];

    public bool Wants(string type) => Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal);
}
