using System.Net;
using System.Net.Sockets;

namespace Mlops.Cli.Tests.Commands;

/// <summary>Whatever goes wrong ends in one sentence on standard error and an exit code that says what kind of wrong.</summary>
public class ErrorTests
{
    [Fact]
    public async Task UnknownModel_ProblemDetailOnStderr_ExitsApiError()
    {
        var api = new FakeApi().OnProblem("GET /api/models/wine", HttpStatusCode.NotFound, "Not found", "Model 'wine' does not exist.", "RESOURCE_DOES_NOT_EXIST");

        var run = await CliRun.InvokeAsync(api, "versions", "wine");

        Assert.Equal(ExitCodes.ApiError, run.ExitCode);
        Assert.Equal("error: Not found (404 RESOURCE_DOES_NOT_EXIST): Model 'wine' does not exist.", run.Error.Trim());
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task UnknownModel_UnderJson_StillOnStderr_NothingOnStdout()
    {
        var api = new FakeApi().OnProblem("GET /api/models/wine/runs", HttpStatusCode.NotFound, "Not found", "Model 'wine' does not exist.", "RESOURCE_DOES_NOT_EXIST");

        var run = await CliRun.InvokeAsync(api, "runs", "--model", "wine", "--json");

        Assert.Equal(ExitCodes.ApiError, run.ExitCode);
        Assert.Contains("Model 'wine' does not exist.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("Iris")]
    [InlineData("1iris")]
    [InlineData("iris_2")]
    public async Task BadModelName_NamesTheRule_ExitsUsage_SendsNothing(string model)
    {
        var api = new FakeApi();

        var run = await CliRun.InvokeAsync(api, "versions", model);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"Model name '{model}' is invalid: a model name is 1-63 characters", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task ConnectionRefused_NamesTheUrl_ExitsUnreachable()
    {
        var api = new FakeApi
        {
            Failure = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:7999)", new SocketException((int)SocketError.ConnectionRefused)),
        };

        var run = await CliRun.InvokeAsync(api, "models", "--url", "http://127.0.0.1:7999");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("Could not reach the API at http://127.0.0.1:7999/", run.Error, StringComparison.Ordinal);
        Assert.Contains("refused", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_ExitsUsage()
    {
        var run = await CliRun.InvokeAsync(new FakeApi(), "models", "--colour");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--colour", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadOfAMissingFile_ExitsUsage_SendsNothing()
    {
        var api = new FakeApi();

        var run = await CliRun.InvokeAsync(api, "upload", "no-such-file.csv", "--model", "iris");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no-such-file.csv' does not exist", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task InvalidFeaturesJson_ExitsUsage_SendsNothing()
    {
        var api = new FakeApi();

        var run = await CliRun.InvokeAsync(api, "predict", "iris", "--features", "{not json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--features is not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task UrlThatIsNotHttp_ExitsUsage()
    {
        var run = await CliRun.InvokeAsync(new FakeApi(), "models", "--url", "ftp://example.org");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is not an http(s) address", run.Error, StringComparison.Ordinal);
    }
}
