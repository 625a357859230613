using Mlops.Core.Errors;

namespace Mlops.Core.Scoring;

/// <summary>
/// The names of a scoring job's files: the input "scoring/{model}/{file}.csv", its output "scored/{model}/{file}.csv" and
/// the rejected rows beside it, "scored/{model}/{file}.rejected.csv".
/// </summary>
public static class ScoringFiles
{
    public const string Rule = "a scoring file name is 1-255 characters ending in .csv, without '/', backslashes, '..', a leading '.' or control characters";

    private const string Extension = ".csv";
    private const string RejectedSuffix = ".rejected.csv";

    public static bool IsValid(string? file) =>
        !string.IsNullOrEmpty(file)
        && file.Length <= 255
        && file.Length > Extension.Length
        && file.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)
        && !file.StartsWith('.')
        && !file.Contains('/', StringComparison.Ordinal)
        && !file.Contains('\\', StringComparison.Ordinal)
        && !file.Contains("..", StringComparison.Ordinal)
        && !file.Any(char.IsControl);

    /// <summary>Returns <paramref name="file"/> when it is a valid scoring file name; throws <see cref="MlopsException"/> naming the rule otherwise.</summary>
    public static string Validate(string? file) =>
        IsValid(file) ? file! : throw MlopsException.Invalid($"File '{file}' is invalid: {Rule}.");

    /// <summary>The output's name in the scored container.</summary>
    public static string Scored(string model, string file) => $"{model}/{file}";

    /// <summary>The rejected rows' name in the scored container.</summary>
    public static string Rejected(string model, string file) => $"{model}/{file[..^Extension.Length]}{RejectedSuffix}";
}
