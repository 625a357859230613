using System.Text.RegularExpressions;
using Mlops.Core.Errors;

namespace Mlops.Core;

/// <summary>Model names become blob prefixes and table keys, so they are held to a rule that is safe for both.</summary>
public static partial class ModelName
{
    public const string Rule = "a model name is 1-63 characters of lower-case letters, digits and hyphens, starting with a letter";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Throws <see cref="MlopsException"/> (InvalidParameterValue) naming the rule when the name breaks it.</summary>
    public static string Validate(string? name) =>
        IsValid(name) ? name! : throw MlopsException.Invalid($"Model name '{name}' is invalid: {Rule}.");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
