namespace Mlops.Core.Training.Search;

/// <summary>One hyperparameter of a trainer and the range a search draws it from.</summary>
/// <param name="Name">The parameter's name, as the ML.NET option it sets (camelCase).</param>
/// <param name="Min">Smallest value, inclusive.</param>
/// <param name="Max">Largest value, inclusive.</param>
/// <param name="LogScale">Drawn uniformly in log space: for rates and penalties whose effect is multiplicative.</param>
/// <param name="IsInteger">Rounded to a whole number (counts of trees, leaves, rows).</param>
internal sealed record HyperParameter(string Name, double Min, double Max, bool LogScale = false, bool IsInteger = false)
{
    /// <summary>Four significant digits: plenty for a hyperparameter, and readable in a trial record.</summary>
    private const int SignificantDigits = 4;

    public double Sample(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return FromUnit(random.NextDouble());
    }

    /// <summary>The value at <paramref name="unit"/> of the range (in log space when <see cref="LogScale"/>), rounded as a draw is.</summary>
    public double FromUnit(double unit)
    {
        var u = Math.Clamp(unit, 0, 1);
        var value = LogScale
            ? Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min))))
            : Min + (u * (Max - Min));
        return Clamp(IsInteger ? Math.Round(value, MidpointRounding.AwayFromZero) : Round(value));
    }

    /// <summary>Where <paramref name="value"/> lies in the range, from 0 to 1 (in log space when <see cref="LogScale"/>).</summary>
    public double ToUnit(double value)
    {
        if (Max <= Min)
        {
            return 0;
        }

        var clamped = Clamp(value);
        return LogScale
            ? (Math.Log(clamped) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min))
            : (clamped - Min) / (Max - Min);
    }

    public bool Contains(double value) => value >= Min && value <= Max && (!IsInteger || value == Math.Round(value));

    private double Clamp(double value) => Math.Clamp(value, Min, Max);

    private static double Round(double value)
    {
        if (value == 0)
        {
            return 0;
        }

        var digits = SignificantDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return digits is >= 0 and <= 15 ? Math.Round(value, digits) : value;
    }
}
