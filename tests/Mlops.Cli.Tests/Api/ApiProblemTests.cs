using System.Net;
using Mlops.Cli.Api;

namespace Mlops.Cli.Tests.Api;

public class ApiProblemTests
{
    [Fact]
    public void From_ProblemJson_ReadsTitleDetailStatusAndCode()
    {
        var problem = ApiProblem.From(
            HttpStatusCode.BadRequest,
            """{"type":"https://mlops.dev/errors/INVALID_PARAMETER_VALUE","title":"Invalid request","status":400,"detail":"Field 'version' is required.","errorCode":"INVALID_PARAMETER_VALUE"}""");

        Assert.Equal(new ApiProblem(400, "Invalid request", "Field 'version' is required.", "INVALID_PARAMETER_VALUE"), problem);
    }

    [Fact]
    public void From_PlainTextBody_KeepsTheStatusAndTheText()
    {
        var problem = ApiProblem.From(HttpStatusCode.BadGateway, "upstream went away");

        Assert.Equal(502, problem.Status);
        Assert.Equal("HTTP 502", problem.Title);
        Assert.Equal("upstream went away", problem.Detail);
        Assert.Null(problem.ErrorCode);
    }

    [Fact]
    public void From_EmptyUnauthorized_SaysToPassAKey()
    {
        var problem = ApiProblem.From(HttpStatusCode.Unauthorized, "");

        Assert.Equal("Unauthorized", problem.Title);
        Assert.Contains("--key", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("MLOPS_KEY", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void From_JsonWithoutProblemFields_IsShownAsText()
    {
        var problem = ApiProblem.From(HttpStatusCode.Conflict, """{"something":"else"}""");

        Assert.Equal("Conflict", problem.Title);
        Assert.Equal("""{"something":"else"}""", problem.Detail);
    }
}
