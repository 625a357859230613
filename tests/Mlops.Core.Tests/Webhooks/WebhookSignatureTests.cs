using System.Security.Cryptography;
using System.Text;
using Mlops.Core.Webhooks;

namespace Mlops.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Sign_IsSha256PrefixAndLowerHexHmacOfTheBody()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"churn:1"}""");

        var header = WebhookSignature.Sign("k3y", body);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("k3y"u8, body)), header);
        Assert.True(WebhookSignature.Verify("k3y", body, header));
        Assert.False(WebhookSignature.Verify("other", body, header));
        Assert.False(WebhookSignature.Verify("k3y", Encoding.UTF8.GetBytes("""{"id":"churn:2"}"""), header));
        Assert.False(WebhookSignature.Verify("k3y", body, null));
    }
}
