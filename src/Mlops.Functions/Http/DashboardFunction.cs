using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Mlops.Core.Errors;
using Mlops.Functions.Dashboard;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/ui/{*path}: the dashboard's static files (issue 19). Anonymous at the host level because a browser cannot
/// send a function key without holding one; in Azure the platform's sign-in (App Service Authentication) guards it
/// instead, before the request reaches the host (docs/deploy.md). The pages call the public API with relative URLs.
/// </summary>
public sealed class DashboardFunction(DashboardFiles files, IOptions<DashboardOptions> options)
{
    /// <summary>
    /// Scripts and styles from this origin only, no inline code, no framing: a page that shows data from uploads (column
    /// names, categories) cannot be made to run it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    [Function("Dashboard")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui/{*path}")] HttpRequest request,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.RequireSignIn && !SignInRedirect.IsSignedIn(request))
        {
            return new RedirectResult(SignInRedirect.For(request));
        }

        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            // The pages load their scripts by relative URLs, which resolve against /api/ui/, not /api/ui.
            return new RedirectResult(request.PathBase.Add(request.Path).Value + "/" + request.QueryString.Value);
        }

        if (files.Find(path) is not { } file)
        {
            return ProblemResponses.From(MlopsException.NotFound($"The dashboard has no file '{path}'."));
        }

        var headers = request.HttpContext.Response.Headers;

        // Revalidate every time: the files are not fingerprinted, and a 304 against the ETag costs a few bytes, so a
        // deployment is seen at once and nothing stale is ever run.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.ETag = file.ETag;
        var etag = new EntityTagHeaderValue(file.ETag);
        if (request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }

        return new FileContentResult(file.Content, file.ContentType) { EntityTag = etag };
    }
}
