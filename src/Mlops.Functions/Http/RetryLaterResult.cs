using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Mlops.Functions.Http;

/// <summary>A problem answer that also says when to try again (Retry-After), for faults that pass on their own.</summary>
public sealed class RetryLaterResult(ObjectResult problem, int retryAfterSeconds) : IActionResult
{
    public ObjectResult Problem { get; } = problem;

    public int RetryAfterSeconds { get; } = retryAfterSeconds;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problem.ExecuteResultAsync(context);
    }
}
