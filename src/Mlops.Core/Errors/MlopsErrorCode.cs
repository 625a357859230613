namespace Mlops.Core.Errors;

/// <summary>What went wrong, in terms a client can switch on; mapped to an HTTP status in one place.</summary>
public enum MlopsErrorCode
{
    InvalidParameterValue,
    ResourceDoesNotExist,
    ResourceAlreadyExists,
    PayloadTooLarge,
    UnsupportedMediaType,
    Conflict,

    /// <summary>Storage (or the Durable engine over it) is out of reach for now: the same request may succeed later.</summary>
    ServiceUnavailable,
}
