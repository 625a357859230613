namespace Mlops.Cli.Api;

/// <summary>No answer came from the API: nothing listens at the address, the name does not resolve, or it timed out.</summary>
public sealed class ApiUnreachableException : Exception
{
    public ApiUnreachableException()
    {
    }

    public ApiUnreachableException(string message)
        : base(message)
    {
    }

    public ApiUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
