using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Functions.Http;
using Mlops.Storage;
using Mlops.Workflows.Scoring;
using Moq;

namespace Mlops.Functions.Tests.Http;

/// <summary>The scoring routes' answers to bad input: problem+json naming what is wrong, nothing started.</summary>
public sealed class ScoringRouteTests(UploadStorageFixture fixture) : IClassFixture<UploadStorageFixture>
{
    [Theory]
    [InlineData("{}", "Field 'file' is required")]
    [InlineData("{\"file\":\"../x.csv\"}", "ending in .csv")]
    [InlineData("{\"file\":\"x.parquet\"}", "ending in .csv")]
    [InlineData("{\"file\":\"x.csv\",\"version\":0}", "Field 'version'")]
    [InlineData("{\"file\":\"x.csv\",\"logPredictions\":\"yes\"}", "Field 'logPredictions'")]
    public async Task Score_InvalidBody_Answers400NamingTheField(string body, string expected)
    {
        var client = new Mock<DurableTaskClient>("test");

        var result = await Score(body, "churn", client.Object);

        var details = Problem(result, StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains(expected, details.Detail, StringComparison.Ordinal);
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Score_UnknownFile_Answers404NamingIt()
    {
        var result = await Score("{\"file\":\"absent.csv\"}", "churn", new Mock<DurableTaskClient>("test").Object);

        var details = Problem(result, StatusCodes.Status404NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Contains("'scoring/churn/absent.csv' does not exist", details.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_UnknownVersion_Answers404NamingIt()
    {
        var model = await DropAsync(100);

        var result = await Score("{\"file\":\"in.csv\",\"version\":7}", model, new Mock<DurableTaskClient>("test").Object);

        var details = Problem(result, StatusCodes.Status404NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Contains($"Model '{model}' version 7 does not exist", details.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_FileOverTheLimit_Answers413WithItsSizeAndTheLimit()
    {
        var model = await DropAsync(5000);
        var function = new ScoreFileFunction(
            fixture.Services.GetRequiredService<ScoringLauncher>(),
            Options.Create(new ServingOptions()),
            Options.Create(new ScoringOptions { MaxFileBytes = 1000 }));

        var result = await function.Run(Request("{\"file\":\"in.csv\"}"), model, new Mock<DurableTaskClient>("test").Object, CancellationToken.None);

        var details = Problem(result, StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Matches(@"The scoring file is 5,0\d\d bytes; the limit is 1,000 bytes \(Scoring__MaxFileBytes\)\.", details.Detail);
    }

    [Theory]
    [InlineData("not-a-job")]
    [InlineData("score-churn-0123456789abcdef")]
    public async Task GetJob_UnknownOrMalformedId_AnswersProblem(string jobId)
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(jobId, true, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

        var result = await new GetJobFunction().Run(new DefaultHttpContext().Request, jobId, client.Object, CancellationToken.None);

        var malformed = !ScoringJobIds.IsValid(jobId);
        var details = Problem(result, malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound, malformed ? "INVALID_PARAMETER_VALUE" : "RESOURCE_DOES_NOT_EXIST");
        Assert.Contains($"'{jobId}'", details.Detail, StringComparison.Ordinal);
    }

    private Task<IActionResult> Score(string body, string model, DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<ScoreFileFunction>(fixture.Services).Run(Request(body), model, client, CancellationToken.None);

    private async Task<string> DropAsync(int bytes)
    {
        var model = $"scoring-{Guid.NewGuid():N}"[..24];
        var csv = new StringBuilder("a\n");
        while (csv.Length < bytes)
        {
            csv.Append(csv.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        await fixture.Services.GetRequiredService<StorageClients>().Container(StorageNames.ScoringContainer).GetBlobClient($"{model}/in.csv").UploadAsync(BinaryData.FromString(csv.ToString()));
        return model;
    }

    private static ProblemDetails Problem(IActionResult result, int status, string code)
    {
        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(status, problem.StatusCode);
        Assert.Contains(ProblemResponses.ContentType, problem.ContentTypes);
        var details = Assert.IsType<ProblemDetails>(problem.Value);
        Assert.Equal(code, details.Extensions["errorCode"]);
        return details;
    }

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}
