using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Datasets;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Http;

public sealed class PutModelSpecFunctionTests(UploadStorageFixture fixture) : IClassFixture<UploadStorageFixture>
{
    [Theory]
    [InlineData("""{"webhooks": [{"url": "example.com/hook"}]}""", "'webhooks[0].url'")]
    [InlineData("""{"webhooks": [{"url": "https://example.com/hook", "events": ["model.deleted"]}]}""", "'webhooks[0].events[0]'")]
    public async Task ABadWebhook_IsRefusedWith400NamingTheField_AndNothingIsStored(string spec, string field)
    {
        var model = $"spec-{Guid.NewGuid():N}";
        var function = ActivatorUtilities.CreateInstance<PutModelSpecFunction>(fixture.Services);

        var result = await function.Run(Request(spec), model, CancellationToken.None);

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        var details = Assert.IsType<ProblemDetails>(problem.Value);
        Assert.Equal("INVALID_PARAMETER_VALUE", details.Extensions["errorCode"]);
        Assert.Contains(field, details.Detail, StringComparison.Ordinal);
        Assert.Null(await fixture.Services.GetRequiredService<IDatasetStore>().ReadSpecAsync(model, CancellationToken.None));
    }

    [Fact]
    public async Task AGoodWebhook_IsStored()
    {
        var model = $"spec-{Guid.NewGuid():N}";
        const string Spec = """{"webhooks": [{"url": "https://example.com/hook", "events": ["alias.moved"]}]}""";
        var function = ActivatorUtilities.CreateInstance<PutModelSpecFunction>(fixture.Services);

        var result = await function.Run(Request(Spec), model, CancellationToken.None);

        Assert.IsType<OkObjectResult>(result);
        Assert.Equal(Spec, await fixture.Services.GetRequiredService<IDatasetStore>().ReadSpecAsync(model, CancellationToken.None));
    }

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "PUT";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}
