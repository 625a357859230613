using System.Text.RegularExpressions;

namespace Mlops.Cli.Input;

/// <summary>The API's model-name rule, checked before calling so that a typo costs no request.</summary>
public static partial class ModelNames
{
    public const string Rule = "a model name is 1-63 characters of lower-case letters, digits and hyphens, starting with a letter";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static string Validate(string? name) =>
        IsValid(name) ? name! : throw new CliUsageException($"Model name '{name}' is invalid: {Rule}.");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
