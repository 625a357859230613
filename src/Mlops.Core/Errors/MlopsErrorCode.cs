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
}
