using Mlops.Cli.Api;

namespace Mlops.Cli.Rendering;

/// <summary>An API problem as one sentence for standard error: the title, the status and code, then the detail.</summary>
public static class ProblemRenderer
{
    public static string Describe(ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem.Status > 0 ? problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var code = string.Join(' ', new[] { status, problem.ErrorCode }.Where(p => !string.IsNullOrEmpty(p)));
        var head = code.Length > 0 ? $"{problem.Title} ({code})" : problem.Title;
        return string.IsNullOrWhiteSpace(problem.Detail) ? head : $"{head}: {problem.Detail}";
    }
}
