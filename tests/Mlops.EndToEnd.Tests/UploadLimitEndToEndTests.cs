using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Mlops.EndToEnd.Tests;

/// <summary>A body over the upload limit is a caller's mistake: 413 problem+json naming the limit, every time.</summary>
public sealed class UploadLimitEndToEndTests(SmallUploadLimitFixture fixture) : IClassFixture<SmallUploadLimitFixture>
{
    [Fact]
    public async Task UploadsOverTheLimit_TwiceInARow_EachAnswer413ProblemNamingTheLimitAndTheSetting()
    {
        var csv = SyntheticCsv.SingleLabel(4 * SmallUploadLimitFixture.MaxUploadBytes);

        // Once with a Content-Length, once chunked: the server may refuse either before the function reads it all.
        foreach (var chunked in new[] { false, true })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/datasets/too-large", UriKind.Relative))
            {
                Content = chunked ? new StreamContent(new MemoryStream(csv)) : new ByteArrayContent(csv),
            };
            request.Content.Headers.ContentType = new("text/csv");
            request.Headers.TransferEncodingChunked = chunked;
            using var response = await fixture.Api.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(body)!;
            Assert.Equal("PAYLOAD_TOO_LARGE", problem["errorCode"]!.GetValue<string>());
            var detail = problem["detail"]!.GetValue<string>();
            Assert.Contains(SmallUploadLimitFixture.MaxUploadBytes.ToString("N0", CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
            Assert.Contains("Ingestion__MaxUploadBytes", detail, StringComparison.Ordinal);
        }
    }
}
