using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Mlops.Core.Datasets;

/// <summary>
/// One Parquet column chunk, written as text cell by cell (numbers in their shortest round-trip form, dates and times
/// in ISO 8601, booleans as true/false, a null as an empty cell, which reads as missing). The chunk keeps the values
/// Parquet decoded and formats each one only when its row is emitted: a row group of a million rows then costs its
/// decoded values and no second, textual copy of them.
/// </summary>
internal static class ParquetValues
{
    private static readonly HashSet<Type> Formattable =
    [
        typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly),
        typeof(TimeOnly), typeof(TimeSpan),
    ];

    public static bool CanRead(Type type) => IsText(type) || type == typeof(bool) || Formattable.Contains(type);

    // A reader may type UTF-8 columns as characters rather than strings; both are read as strings.
    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    public static Task<CellColumn> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken) =>
        field.ClrType switch
        {
            var t when IsText(t) => ReadTextAsync(rowGroup, field, count, cancellationToken),
            var t when t == typeof(bool) => ReadAsync<bool>(rowGroup, field, count, static (v, span) => (v ? "true" : "false").AsSpan().TryCopyTo(span) ? (v ? 4 : 5) : -1, cancellationToken),
            var t when t == typeof(sbyte) => ReadNumbersAsync<sbyte>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(byte) => ReadNumbersAsync<byte>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(short) => ReadNumbersAsync<short>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(ushort) => ReadNumbersAsync<ushort>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(int) => ReadNumbersAsync<int>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(uint) => ReadNumbersAsync<uint>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(long) => ReadNumbersAsync<long>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(ulong) => ReadNumbersAsync<ulong>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(float) => ReadNumbersAsync<float>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(double) => ReadNumbersAsync<double>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(decimal) => ReadNumbersAsync<decimal>(rowGroup, field, count, cancellationToken),
            var t when t == typeof(DateTime) => ReadFormattedAsync<DateTime>(rowGroup, field, count, "o", cancellationToken),
            var t when t == typeof(DateTimeOffset) => ReadFormattedAsync<DateTimeOffset>(rowGroup, field, count, "o", cancellationToken),
            var t when t == typeof(DateOnly) => ReadFormattedAsync<DateOnly>(rowGroup, field, count, "yyyy-MM-dd", cancellationToken),
            var t when t == typeof(TimeOnly) => ReadFormattedAsync<TimeOnly>(rowGroup, field, count, "HH:mm:ss.FFFFFFF", cancellationToken),
            var t when t == typeof(TimeSpan) => ReadFormattedAsync<TimeSpan>(rowGroup, field, count, "c", cancellationToken),
            _ => throw new NotSupportedException($"Column '{field.Name}' holds {field.ClrType.Name} values."),
        };

    private static Task<CellColumn> ReadNumbersAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
        where T : struct, ISpanFormattable =>
        ReadFormattedAsync<T>(rowGroup, field, count, null, cancellationToken);

    private static Task<CellColumn> ReadFormattedAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, string? format, CancellationToken cancellationToken)
        where T : struct, ISpanFormattable =>
        ReadAsync<T>(rowGroup, field, count, (value, span) => value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture) ? written : -1, cancellationToken);

    private static async Task<CellColumn> ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, Func<T, Span<char>, int> format, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[count];
            await rowGroup.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            return new NullableColumn<T>(values, format);
        }

        var present = new T[count];
        await rowGroup.ReadAsync<T>(field, present.AsMemory(), null, cancellationToken);
        return new ValueColumn<T>(present, format);
    }

    private static async Task<CellColumn> ReadTextAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return new TextColumn(values);
    }

    /// <summary>A column chunk's decoded values, each written as its cell's text on demand.</summary>
    internal abstract class CellColumn
    {
        /// <summary>Writes row <paramref name="row"/>'s cell into <paramref name="destination"/>: the characters written, or -1 when they do not fit.</summary>
        public abstract int Write(int row, Span<char> destination);
    }

    private sealed class TextColumn(string?[] values) : CellColumn
    {
        public override int Write(int row, Span<char> destination)
        {
            var value = values[row].AsSpan();
            return value.TryCopyTo(destination) ? value.Length : -1;
        }
    }

    private sealed class ValueColumn<T>(T[] values, Func<T, Span<char>, int> format) : CellColumn
        where T : struct
    {
        public override int Write(int row, Span<char> destination) => format(values[row], destination);
    }

    private sealed class NullableColumn<T>(T?[] values, Func<T, Span<char>, int> format) : CellColumn
        where T : struct
    {
        public override int Write(int row, Span<char> destination) => values[row] is { } value ? format(value, destination) : 0;
    }
}
