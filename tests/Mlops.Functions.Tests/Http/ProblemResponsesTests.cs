using Azure;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Errors;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Http;

public sealed class ProblemResponsesTests
{
    [Theory]
    [InlineData(MlopsErrorCode.InvalidParameterValue, 400, "INVALID_PARAMETER_VALUE")]
    [InlineData(MlopsErrorCode.ResourceDoesNotExist, 404, "RESOURCE_DOES_NOT_EXIST")]
    [InlineData(MlopsErrorCode.ResourceAlreadyExists, 409, "RESOURCE_ALREADY_EXISTS")]
    [InlineData(MlopsErrorCode.PayloadTooLarge, 413, "PAYLOAD_TOO_LARGE")]
    public void From_AnError_AnswersProblemJsonWithItsStatusCodeAndReason(MlopsErrorCode code, int status, string errorCode)
    {
        var result = Assert.IsType<ObjectResult>(ProblemResponses.From(new MlopsException(code, "Feature 'x' is missing.")));

        Assert.Equal(status, result.StatusCode);
        Assert.Contains(ProblemResponses.ContentType, result.ContentTypes);
        var problem = Assert.IsType<ProblemDetails>(result.Value);
        Assert.Equal("Feature 'x' is missing.", problem.Detail);
        Assert.Equal(errorCode, problem.Extensions["errorCode"]);
    }

    [Fact]
    public async Task HandleAsync_WhenTheHandlerThrowsAUserError_AnswersItsProblem()
    {
        var result = await Endpoint.HandleAsync(() => throw MlopsException.NotFound("Model 'x' does not exist."));

        Assert.Equal(404, Assert.IsType<ObjectResult>(result).StatusCode);
    }

    [Fact]
    public async Task HandleAsync_WhenTheHandlerFails_LetsTheFaultPropagate() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Endpoint.HandleAsync(() => throw new InvalidOperationException("bug")));

    public static TheoryData<Exception> Outages => new()
    {
        new RequestFailedException(0, "Connection refused (127.0.0.1:10002)"),
        new RequestFailedException(503, "Server busy"),
        new AggregateException(new HttpRequestException("Connection refused")),
        new InvalidOperationException("wrapped", new System.Net.Sockets.SocketException(111)),
        new RpcException(new Status(StatusCode.Unavailable, "sidecar's storage is down")),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task HandleAsync_WhenStorageIsOutOfReach_Answers503WithRetryAfter(Exception outage)
    {
        var result = Assert.IsType<RetryLaterResult>(await Endpoint.HandleAsync(() => throw outage));

        Assert.Equal(503, result.Problem.StatusCode);
        Assert.Contains(ProblemResponses.ContentType, result.Problem.ContentTypes);
        Assert.Equal("TEMPORARILY_UNAVAILABLE", Assert.IsType<ProblemDetails>(result.Problem.Value).Extensions["errorCode"]);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteResultAsync(new ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task HandleAsync_ARequestStorageRefusedForItsContent_IsNotAnOutage() =>
        await Assert.ThrowsAsync<RequestFailedException>(() => Endpoint.HandleAsync(() => throw new RequestFailedException(400, "InvalidInput")));
}
