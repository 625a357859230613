using System.Globalization;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>A date column as UTC ticks (a time without an offset is UTC, as the model reads it); <see cref="Missing"/> where missing.</summary>
public sealed class DateColumn(string name, long[] ticks) : TableColumn(name, ColumnKind.Date)
{
    public const long Missing = long.MinValue;

    public long[] Ticks { get; } = ticks;

    public override int Count => Ticks.Length;

    public override string? Text(int row) =>
        Ticks[row] == Missing ? null : new DateTime(Ticks[row], DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture);
}
