namespace Mlops.Core.Profiling;

/// <summary>The spellings of a boolean in a CSV, compared case-insensitively.</summary>
internal static class BooleanValues
{
    private static readonly string[] Tokens = ["true", "false", "yes", "no", "t", "f", "y", "n"];

    public static bool IsToken(ReadOnlySpan<char> value)
    {
        if (value.Length > 5)
        {
            return false;
        }

        foreach (var token in Tokens)
        {
            if (value.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
