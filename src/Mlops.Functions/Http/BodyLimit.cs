using System.Globalization;
using Microsoft.AspNetCore.Http;
using Mlops.Core.Errors;
using Mlops.Core.Ingestion;
using Mlops.Core.Serving;

namespace Mlops.Functions.Http;

/// <summary>
/// A bound on a request body and the setting that sets it (null when fixed), so that a refusal tells the caller
/// both the number and what to change, whoever noticed first: our reader or the server under it.
/// </summary>
public sealed record BodyLimit(long Bytes, string? Setting)
{
    public static BodyLimit Upload(IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MaxUploadBytes, IngestionOptions.Section + "__" + nameof(IngestionOptions.MaxUploadBytes));
    }

    public static BodyLimit Request(ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MaxRequestBytes, ServingOptions.Section + "__" + nameof(ServingOptions.MaxRequestBytes));
    }

    /// <summary>True for the server's own refusal of a body over its limit (Kestrel's BadHttpRequestException, 413).</summary>
    public static bool IsServerRefusal(Exception error) => error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    public MlopsException Exceeded() => new(
        MlopsErrorCode.PayloadTooLarge,
        Setting is null
            ? string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {Bytes:N0}-byte limit.")
            : string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {Bytes:N0}-byte limit ({Setting})."));
}
