using System.Globalization;

namespace Mlops.Cli.Rendering;

/// <summary>How numbers, times and durations read in tables and progress lines (invariant culture, short).</summary>
public static class Formats
{
    public static string Metric(double? value) => value switch
    {
        null => "-",
        { } v when double.IsNaN(v) => "NaN",
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "",
        { TotalSeconds: < 60 } d => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        { TotalHours: < 1 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds:00} s"),
        { } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00} min"),
    };

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Share(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
