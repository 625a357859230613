using System.Net;
using System.Text.Json.Nodes;

namespace Mlops.EndToEnd.Tests;

/// <summary>The upload route through the DevHost's HTTP server: large bodies and identical bodies racing.</summary>
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

    [Fact]
    public async Task TwentyIdenticalUploadsAtOnce_AllAnswerTheOneRun_AndAtMostOneStartsIt()
    {
        var csv = SyntheticCsv.Binary(rows: 200, features: 4, seed: 20);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var content = new ByteArrayContent(csv);
            content.Headers.ContentType = new("text/csv");
            using var response = await Api.Http.PostAsync(new Uri("api/datasets/twenty-at-once", UriKind.Relative), content);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{(int)a.StatusCode}: {a.Body}"));
        var bodies = answers.Select(a => JsonNode.Parse(a.Body)!).ToList();
        Assert.Single(bodies.Select(b => b["runId"]!.GetValue<string>()).Distinct());
        Assert.Equal(1, bodies.Count(b => b["started"]!.GetValue<bool>()));
    }
}
