using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Mlops.Functions.Http;

namespace Mlops.DevHost.Functions;

/// <summary>
/// Gives the host's own bodiless answers (no such route, method not allowed, a request Kestrel refused, a fault of
/// ours) the same problem+json shape as the functions' errors, so a client parses one error format whatever answered.
/// </summary>
public static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var (title, code, detail) = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("Not found", "RESOURCE_DOES_NOT_EXIST", $"No function answers {context.HttpContext.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", "INVALID_PARAMETER_VALUE", $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}."),
            StatusCodes.Status413PayloadTooLarge => ("Payload too large", "PAYLOAD_TOO_LARGE", "The request body is larger than the server accepts."),
            >= 500 => ("Internal error", "INTERNAL_ERROR", $"The host failed to handle this request; the fault is logged with trace id {context.HttpContext.TraceIdentifier}."),
            _ => ("Invalid request", "INVALID_PARAMETER_VALUE", "The server could not read this request."),
        };
        var problem = new ProblemDetails { Status = response.StatusCode, Title = title, Detail = detail };
        problem.Extensions["errorCode"] = code;
        response.ContentType = ProblemResponses.ContentType;
        await JsonSerializer.SerializeAsync(response.Body, problem, JsonSerializerOptions.Web, context.HttpContext.RequestAborted);
    }
}
