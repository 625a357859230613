using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Mlops.Functions.Dashboard;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Dashboard;

public sealed class DashboardFunctionTests
{
    private static readonly DashboardFiles Files = new();

    [Fact]
    public void TheEmbeddedSite_HoldsTheIndexTheScriptsAndChartJsWithItsLicence()
    {
        Assert.Contains("index.html", Files.Paths);
        Assert.Contains("js/app.js", Files.Paths);
        Assert.Contains("vendor/chart.umd.js", Files.Paths);
        Assert.Contains("vendor/chart.js-LICENSE.txt", Files.Paths);
        Assert.All(Files.Paths, p => Assert.NotEqual("application/octet-stream", Files.Find(p)!.ContentType));
    }

    [Theory]
    [InlineData("", "text/html; charset=utf-8")]
    [InlineData("js/app.js", "text/javascript; charset=utf-8")]
    [InlineData("dashboard.css", "text/css; charset=utf-8")]
    public void AKnownFile_IsServedWithItsContentTypeETagAndRevalidation(string path, string contentType)
    {
        var request = Request("/api/ui/" + path);

        var result = Assert.IsType<FileContentResult>(Function().Run(request, path));

        Assert.Equal(contentType, result.ContentType);
        Assert.Equal(Files.Find(path)!.ETag, result.EntityTag!.Tag.ToString());
        Assert.Equal("no-cache", request.HttpContext.Response.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", request.HttpContext.Response.Headers.XContentTypeOptions.ToString());
        Assert.Contains("script-src 'self'", request.HttpContext.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../host.json")]
    [InlineData("..%2F..%2FMlops.Functions.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("JS/APP.JS")]
    [InlineData("js")]
    public void AnyPathThatIsNotAnEmbeddedFile_Answers404(string path)
    {
        var result = Assert.IsType<ObjectResult>(Function().Run(Request("/api/ui/" + path), path));

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    [Fact]
    public void ARequestWithTheCurrentETag_Answers304()
    {
        var request = Request("/api/ui/js/app.js");
        request.Headers.IfNoneMatch = Files.Find("js/app.js")!.ETag;

        var result = Assert.IsType<StatusCodeResult>(Function().Run(request, "js/app.js"));

        Assert.Equal(StatusCodes.Status304NotModified, result.StatusCode);
    }

    [Fact]
    public void TheRootWithoutItsSlash_RedirectsToIt()
    {
        var result = Assert.IsType<RedirectResult>(Function().Run(Request("/api/ui"), null));

        Assert.Equal("/api/ui/", result.Url);
    }

    [Fact]
    public void WithSignInRequired_ABrowserWithoutASession_IsSentToThePlatformsSignIn()
    {
        var result = Assert.IsType<RedirectResult>(Function(requireSignIn: true).Run(Request("/api/ui/"), null));

        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fui%2F", result.Url);
    }

    [Fact]
    public void WithSignInRequired_ASignedInBrowser_GetsThePage()
    {
        var request = Request("/api/ui/");
        request.Headers[SignInRedirect.PrincipalHeader] = "eyJhdXRoX3R5cCI6ImFhZCJ9";

        Assert.IsType<FileContentResult>(Function(requireSignIn: true).Run(request, null));
    }

    private static DashboardFunction Function(bool requireSignIn = false) =>
        new(Files, Options.Create(new DashboardOptions { RequireSignIn = requireSignIn }));

    private static HttpRequest Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        return context.Request;
    }
}
