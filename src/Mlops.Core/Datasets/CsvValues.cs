using System.Globalization;

namespace Mlops.Core.Datasets;

/// <summary>How validation reads a raw CSV cell as a number. Missing values are <see cref="MissingValues"/>' call.</summary>
internal static class CsvValues
{
    /// <summary>
    /// A number in the invariant culture that stays finite in single precision, which is what the model sees:
    /// a column validated as numeric must parse the same way when it trains (Training's FeatureLayout).
    /// </summary>
    public static bool TryParseNumber(string? value, out double number)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && float.IsFinite((float)number))
        {
            return true;
        }

        number = 0;
        return false;
    }
}
