using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Ingestion;
using Mlops.Core.Registry;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Functions.Http;
using Mlops.Functions.Triggers;
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
        var function = ActivatorUtilities.CreateInstance<ScoreFileFunction>(fixture.Services, Options.Create(new ScoringOptions { MaxFileBytes = 1000 }));

        var result = await function.Run(Request("{\"file\":\"in.csv\"}"), model, new Mock<DurableTaskClient>("test").Object, CancellationToken.None);

        var details = Problem(result, StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Matches(@"The scoring file is 5,0\d\d bytes; the limit is 1,000 bytes \(Scoring__MaxFileBytes\)\.", details.Detail);
    }

    [Theory]
    [InlineData("name=../x.csv", "ending in .csv")]
    [InlineData("name=x.txt", "ending in .csv")]
    [InlineData("version=0", "Query parameter 'version'")]
    [InlineData("logPredictions=yes", "Query parameter 'logPredictions'")]
    public async Task Upload_InvalidQuery_Answers400NamingIt_AndStoresNothing(string query, string expected)
    {
        var model = $"scoring-{Guid.NewGuid():N}"[..24];
        var client = new Mock<DurableTaskClient>("test");

        var result = await Score(Upload("a\n1\n", query), model, client.Object);

        var details = Problem(result, StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains(expected, details.Detail, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(model));
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Upload_ModelWithoutAChampion_Answers404BeforeStoringTheBody()
    {
        var model = $"scoring-{Guid.NewGuid():N}"[..24];

        var result = await Score(Upload("a\n1\n", string.Empty), model, new Mock<DurableTaskClient>("test").Object);

        var details = Problem(result, StatusCodes.Status404NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Contains($"Model '{model}' does not exist", details.Detail, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(model));
    }

    [Theory]
    [InlineData(1000, 100_000, "Scoring__MaxFileBytes")]
    [InlineData(100_000, 1000, "Ingestion__MaxUploadBytes")]
    public async Task Upload_OverTheSmallerOfTheTwoLimits_Answers413NamingIt(long maxFileBytes, long maxUploadBytes, string setting)
    {
        var model = await DropAsync(100);
        var csv = new StringBuilder("a\n");
        while (csv.Length < 5000)
        {
            csv.Append("12345\n");
        }

        var request = Upload(csv.ToString(), string.Empty);

        // The version is resolved before the body is read: this model is given a champion to find.
        var registry = new Mock<IModelRegistry>();
        registry.Setup(r => r.GetAliasAsync(model, Aliases.Champion, It.IsAny<CancellationToken>())).ReturnsAsync(new AliasState(Aliases.Champion, 1, "etag"));
        var function = ActivatorUtilities.CreateInstance<ScoreFileFunction>(
            fixture.Services,
            new ScoringLauncher(fixture.Services.GetRequiredService<IScoringStore>(), registry.Object, NullLogger<ScoringLauncher>.Instance),
            Options.Create(new ScoringOptions { MaxFileBytes = maxFileBytes }),
            Options.Create(new IngestionOptions { MaxUploadBytes = maxUploadBytes }));

        var result = await function.Run(request, model, new Mock<DurableTaskClient>("test").Object, CancellationToken.None);

        var details = Problem(result, StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Math.Min(maxFileBytes, maxUploadBytes):N0}-byte limit ({setting})"), details.Detail, StringComparison.Ordinal);
        Assert.Equal([$"{model}/in.csv"], await StoredAsync(model));
    }

    [Fact]
    public async Task Trigger_FileTheRouteUploaded_IsLeftToTheRoutesJob()
    {
        var model = $"scoring-{Guid.NewGuid():N}"[..24];
        var store = fixture.Services.GetRequiredService<IScoringStore>();
        await store.UploadAsync(model, "night.csv", new MemoryStream(Encoding.UTF8.GetBytes("a\n1\n")), CancellationToken.None);
        var logger = new RecordingLogger<ScoringUploadedFunction>();
        var client = new Mock<DurableTaskClient>("test");
        var trigger = ActivatorUtilities.CreateInstance<ScoringUploadedFunction>(fixture.Services, (ILogger<ScoringUploadedFunction>)logger);

        await trigger.Run(null!, model, "night.csv", client.Object, CancellationToken.None);

        Assert.Equal([205], logger.Events);
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Trigger_FileDroppedIntoTheContainer_IsResolvedForAJob()
    {
        var model = await DropAsync(100);
        var logger = new RecordingLogger<ScoringUploadedFunction>();
        var trigger = ActivatorUtilities.CreateInstance<ScoringUploadedFunction>(fixture.Services, (ILogger<ScoringUploadedFunction>)logger);

        await trigger.Run(null!, model, "in.csv", new Mock<DurableTaskClient>("test").Object, CancellationToken.None);

        // No model of that name: the drop went on to the registry (204, not scored) instead of being left alone (205).
        Assert.Equal([204], logger.Events);
    }

    [Theory]
    [InlineData("not-a-job")]
    [InlineData("score-churn-0123456789abcdef")]
    public async Task GetJob_UnknownOrMalformedId_AnswersProblem(string jobId)
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(jobId, true, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

        var result = await GetJobFunction.Run(new DefaultHttpContext().Request, jobId, client.Object, CancellationToken.None);

        var malformed = !ScoringJobIds.IsValid(jobId);
        var details = Problem(result, malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound, malformed ? "INVALID_PARAMETER_VALUE" : "RESOURCE_DOES_NOT_EXIST");
        Assert.Contains($"'{jobId}'", details.Detail, StringComparison.Ordinal);
    }

    private Task<IActionResult> Score(string body, string model, DurableTaskClient client) => Score(Request(body), model, client);

    private Task<IActionResult> Score(HttpRequest request, string model, DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<ScoreFileFunction>(fixture.Services).Run(request, model, client, CancellationToken.None);

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

    private async Task<List<string>> StoredAsync(string model)
    {
        var names = new List<string>();
        await foreach (var blob in fixture.Services.GetRequiredService<StorageClients>().Container(StorageNames.ScoringContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, model + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static HttpRequest Upload(string csv, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "text/csv";
        context.Request.QueryString = new QueryString("?" + query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return context.Request;
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
