namespace Mlops.Cli.Api;

/// <summary>The API answered with an error status; <see cref="Problem"/> says why.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
        : this(new ApiProblem(0, "Unknown error", null, null))
    {
    }

    public ApiProblemException(string message)
        : this(new ApiProblem(0, message, null, null))
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new ApiProblem(0, message, null, null);
    }

    public ApiProblemException(ApiProblem problem)
        : base(problem?.Detail ?? problem?.Title)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
    }

    public ApiProblem Problem { get; }
}
