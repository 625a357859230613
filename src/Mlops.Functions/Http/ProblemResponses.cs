using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>The one place a <see cref="MlopsErrorCode"/> becomes an HTTP status and an RFC 7807 body.</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    public static int StatusFor(MlopsErrorCode code) => code switch
    {
        MlopsErrorCode.InvalidParameterValue => StatusCodes.Status400BadRequest,
        MlopsErrorCode.ResourceDoesNotExist => StatusCodes.Status404NotFound,
        MlopsErrorCode.ResourceAlreadyExists => StatusCodes.Status409Conflict,
        MlopsErrorCode.Conflict => StatusCodes.Status409Conflict,
        MlopsErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        MlopsErrorCode.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
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
        return result;
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
        _ => "INVALID_PARAMETER_VALUE",
    };

    private static string Title(MlopsErrorCode code) => code switch
    {
        MlopsErrorCode.ResourceDoesNotExist => "Not found",
        MlopsErrorCode.ResourceAlreadyExists or MlopsErrorCode.Conflict => "Conflict",
        MlopsErrorCode.PayloadTooLarge => "Payload too large",
        MlopsErrorCode.UnsupportedMediaType => "Unsupported media type",
        _ => "Invalid request",
    };
}
