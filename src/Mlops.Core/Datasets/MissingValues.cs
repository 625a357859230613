namespace Mlops.Core.Datasets;

/// <summary>
/// What counts as "no value" in a raw cell. Validation, training and serving all ask here, so a cell that
/// validation accepted as missing is imputed the same way when the model trains and when it serves.
/// </summary>
public static class MissingValues
{
    /// <summary>Tokens compared trimmed and case-insensitively; "" covers empty and blank cells.</summary>
    public static IReadOnlyList<string> Tokens { get; } = ["", "NA", "N/A", "null", "NaN", "?"];

    public static bool IsMissing(string? value)
    {
        if (value is null)
        {
            return true;
        }

        var trimmed = value.AsSpan().Trim();
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
