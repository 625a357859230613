using Microsoft.AspNetCore.Http;
using Mlops.Core.Errors;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Http;

public sealed class JsonBodyTests
{
    [Fact]
    public async Task ABodyWithInvalidUtf8InsideAString_IsAUserError_NotAServerError()
    {
        // Well-formed JSON whose string holds a lone lead byte: the parser accepts it, reading the string would throw.
        var request = Request([.. "{\"features\":{\"f0\":\""u8, 0xC3, 0x28, .. "\"}}"u8]);

        var error = await Assert.ThrowsAsync<MlopsException>(() => JsonBody.ReadAsync(request, new BodyLimit(1024, null), CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyBody_IsNoDocument_WhereTheBodyIsOptional() =>
        Assert.Null(await JsonBody.ReadOptionalAsync(Request([]), new BodyLimit(1024, null), CancellationToken.None));

    private static HttpRequest Request(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context.Request;
    }
}
