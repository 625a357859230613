using Microsoft.AspNetCore.Mvc;
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
}
