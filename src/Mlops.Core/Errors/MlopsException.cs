namespace Mlops.Core.Errors;

/// <summary>A request the caller can correct: the one error type the HTTP layer turns into problem+json.</summary>
public sealed class MlopsException : Exception
{
    public MlopsException(MlopsErrorCode code, string message)
        : base(message) => Code = code;

    public MlopsException()
    {
    }

    public MlopsException(string message)
        : base(message)
    {
    }

    public MlopsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MlopsErrorCode Code { get; } = MlopsErrorCode.InvalidParameterValue;

    public static MlopsException NotFound(string message) => new(MlopsErrorCode.ResourceDoesNotExist, message);

    public static MlopsException Invalid(string message) => new(MlopsErrorCode.InvalidParameterValue, message);
}
