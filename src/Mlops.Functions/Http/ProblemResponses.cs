using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>The one place a <see cref="MlopsErrorCode"/> becomes an HTTP status and an RFC 7807 body.</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>What a 503 tells a client to wait: storage outages seen in the drills last seconds to a minute.</summary>
    public const int RetryAfterSeconds = 5;

    public static int StatusFor(MlopsErrorCode code) => code switch
    {
        MlopsErrorCode.InvalidParameterValue => StatusCodes.Status400BadRequest,
        MlopsErrorCode.ResourceDoesNotExist => StatusCodes.Status404NotFound,
        MlopsErrorCode.ResourceAlreadyExists => StatusCodes.Status409Conflict,
        MlopsErrorCode.Conflict => StatusCodes.Status409Conflict,
        MlopsErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        MlopsErrorCode.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        MlopsErrorCode.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IActionResult From(MlopsException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = StatusFor(error.Code);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Title(error.Code),
            Detail = error.Message,
            Type = "https://mlops.dev/errors/" + ErrorCodeName(error.Code),
        };
        problem.Extensions["errorCode"] = ErrorCodeName(error.Code);
        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add(ContentType);
        return error.Code == MlopsErrorCode.ServiceUnavailable ? new RetryLaterResult(result, RetryAfterSeconds) : result;
    }

    /// <summary>The stable, client-visible name of a code, in the registry vocabulary (e.g. RESOURCE_DOES_NOT_EXIST).</summary>
    public static string ErrorCodeName(MlopsErrorCode code) => code switch
    {
        MlopsErrorCode.InvalidParameterValue => "INVALID_PARAMETER_VALUE",
        MlopsErrorCode.ResourceDoesNotExist => "RESOURCE_DOES_NOT_EXIST",
        MlopsErrorCode.ResourceAlreadyExists => "RESOURCE_ALREADY_EXISTS",
        MlopsErrorCode.Conflict => "CONFLICT",
        MlopsErrorCode.PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        MlopsErrorCode.UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        MlopsErrorCode.ServiceUnavailable => "TEMPORARILY_UNAVAILABLE",
        _ => "INVALID_PARAMETER_VALUE",
    };

    private static string Title(MlopsErrorCode code) => code switch
    {
        MlopsErrorCode.ResourceDoesNotExist => "Not found",
        MlopsErrorCode.ResourceAlreadyExists or MlopsErrorCode.Conflict => "Conflict",
        MlopsErrorCode.PayloadTooLarge => "Payload too large",
        MlopsErrorCode.UnsupportedMediaType => "Unsupported media type",
        MlopsErrorCode.ServiceUnavailable => "Temporarily unavailable",
        _ => "Invalid request",
    };
}
