using System.Net;

namespace Mlops.EndToEnd.Tests;

/// <summary>The upload route through the DevHost's HTTP server: bodies above the server's default limit.</summary>
public sealed class UploadEndToEndTests(DevHostFixture fixture) : IClassFixture<DevHostFixture>
{
    private MlopsApi Api => fixture.Api;

    [Fact]
    public async Task Upload_LargerThanKestrelsDefaultBodyLimit_IsAcceptedUpToTheIngestionLimit()
    {
        // 40 MB is above Kestrel's 30 MB default and below the 100 MB Ingestion__MaxUploadBytes default. One label
        // value quarantines the run in the gate's single pass, so nothing trains on it after the answer.
        var csv = SyntheticCsv.SingleLabel(40L * 1024 * 1024);
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new("text/csv");

        using var response = await Api.Http.PostAsync(new Uri("api/datasets/forty-megabytes", UriKind.Relative), content);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
