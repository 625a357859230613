using Mlops.Core.Errors;

namespace Mlops.Storage;

/// <summary>Checks the ids that become table row keys against what the Table service accepts.</summary>
internal static class TableKeys
{
    public const int MaxLength = 255;

    /// <summary>Returns <paramref name="value"/> when it can be (part of) a row key; throws MlopsException (InvalidParameterValue) naming <paramref name="what"/> otherwise.</summary>
    public static string Validate(string? value, string what)
    {
        if (string.IsNullOrEmpty(value)
            || value.Length > MaxLength
            || value.AsSpan().IndexOfAny("/\\#?") >= 0
            || value.Any(char.IsControl))
        {
            throw MlopsException.Invalid(
                $"The {what} '{value}' is invalid: it must be 1-{MaxLength} characters without '/', '\\', '#', '?' or control characters.");
        }

        return value;
    }
}
