using System.Buffers;

namespace Mlops.Core.Datasets;

/// <summary>
/// What counts as "no value" in a raw cell. Validation, training and serving all ask here, so a cell that
/// validation accepted as missing is imputed the same way when the model trains and when it serves.
/// </summary>
public static class MissingValues
{
    /// <summary>
    /// Tokens compared trimmed and case-insensitively; "" covers empty and blank cells. Besides the usual ones, what
    /// spreadsheets and pandas write for a value that is not there: Excel's #N/A (a failed lookup) and its other error
    /// values (#DIV/0!, #VALUE!...), which are no value a model can learn from, and pandas' &lt;NA&gt;; and a dash alone
    /// ("-", "--", an en or em dash), as reports write an empty cell. "None" is not one: it is as often a category ("no
    /// discount") as a Python null, and models trained with it as a category keep it.
    /// </summary>
    public static IReadOnlyList<string> Tokens { get; } =
        ["", "NA", "N/A", "null", "NaN", "?", "#N/A", "#N/A N/A", "#NA", "<NA>", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!"];

    // The profiler asks for every cell of a file; almost every present value is rejected by its first character.
    private static readonly SearchValues<char> FirstCharacters = SearchValues.Create(
        string.Concat(Tokens.Where(t => t.Length > 0).Select(t => char.ToLowerInvariant(t[0]).ToString() + char.ToUpperInvariant(t[0]))) + "-\u2013\u2014");

    private static readonly int LongestToken = Tokens.Max(t => t.Length);

    public static bool IsMissing(string? value) => value is null || IsMissing(value.AsSpan());

    public static bool IsMissing(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (trimmed.Length > LongestToken || !FirstCharacters.Contains(trimmed[0]))
        {
            return false;
        }

        // A dash alone is how reports write "nothing here". No token starts with one, and a negative number does, so
        // a cell starting with a dash is decided here, behind the first-character test most cells fail.
        if (trimmed[0] is '-' or '\u2013' or '\u2014')
        {
            return trimmed is "-" or "--" or "\u2013" or "\u2014";
        }

        foreach (var token in Tokens)
        {
            if (trimmed.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
