using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core.Webhooks;

/// <summary>The X-Mlops-Signature header: "sha256=" and the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(string key, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string key, ReadOnlySpan<byte> body, string? header) =>
        header is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, body)), Encoding.ASCII.GetBytes(header));
}
