namespace Mlops.Core.Profiling;

/// <summary>The spellings of a boolean in a CSV, compared case-insensitively.</summary>
internal static class BooleanValues
{
    private static readonly string[] Yes = ["true", "yes", "t", "y"];

    private static readonly string[] No = ["false", "no", "f", "n"];

    public static bool IsToken(ReadOnlySpan<char> value) => Read(value) is not null;

    /// <summary>True or false for a spelling of yes or no (surrounding spaces aside); null for anything else.</summary>
    public static bool? Read(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length > 5)
        {
            return null;
        }

        return Matches(value, Yes) ? true : Matches(value, No) ? false : null;
    }

    private static bool Matches(ReadOnlySpan<char> value, string[] tokens)
    {
        foreach (var token in tokens)
        {
            if (value.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
