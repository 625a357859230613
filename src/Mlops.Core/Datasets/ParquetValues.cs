using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Mlops.Core.Datasets;

/// <summary>
/// One Parquet column chunk as text: each value formatted once into a shared buffer (numbers in their shortest
/// round-trip form, dates and times in ISO 8601, booleans as true/false), a null as an empty cell, which reads as missing.
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

    public static Task<TextColumn> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken) =>
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

    private static Task<TextColumn> ReadNumbersAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
        where T : struct, ISpanFormattable =>
        ReadFormattedAsync<T>(rowGroup, field, count, null, cancellationToken);

    private static Task<TextColumn> ReadFormattedAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, string? format, CancellationToken cancellationToken)
        where T : struct, ISpanFormattable =>
        ReadAsync<T>(rowGroup, field, count, (value, span) => value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture) ? written : -1, cancellationToken);

    private static async Task<TextColumn> ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, Func<T, Span<char>, int> format, CancellationToken cancellationToken)
        where T : struct
    {
        var column = new TextColumn(count);
        if (field.IsNullable)
        {
            var values = new T?[count];
            await rowGroup.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            foreach (var value in values)
            {
                column.Add(value, format);
            }
        }
        else
        {
            var values = new T[count];
            await rowGroup.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            foreach (var value in values)
            {
                column.Add(value, format);
            }
        }

        return column;
    }

    private static async Task<TextColumn> ReadTextAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        var column = new TextColumn(count);
        foreach (var value in values)
        {
            column.Add(value);
        }

        return column;
    }

    /// <summary>A column chunk's values as text laid end to end; value i ends where value i + 1 starts.</summary>
    internal sealed class TextColumn(int count)
    {
        private readonly int[] ends = new int[count];
        private char[] text = new char[Math.Max(16, count * 8)];
        private int length;
        private int values;

        public ReadOnlySpan<char> this[int index] => text.AsSpan(index == 0 ? 0 : ends[index - 1], ends[index] - (index == 0 ? 0 : ends[index - 1]));

        public void Add(string? value)
        {
            var span = value.AsSpan();
            Reserve(span.Length);
            span.CopyTo(text.AsSpan(length));
            End(span.Length);
        }

        public void Add<T>(T? value, Func<T, Span<char>, int> format)
            where T : struct
        {
            if (value is not { } present)
            {
                End(0);
                return;
            }

            Add(present, format);
        }

        public void Add<T>(T value, Func<T, Span<char>, int> format)
            where T : struct
        {
            int written;
            while ((written = format(value, text.AsSpan(length))) < 0)
            {
                Reserve(Math.Max(64, text.Length - length + 1));
            }

            End(written);
        }

        private void Reserve(int more)
        {
            if (length + more > text.Length)
            {
                Array.Resize(ref text, Math.Max(text.Length * 2, length + more));
            }
        }

        private void End(int written)
        {
            length += written;
            ends[values++] = length;
        }
    }
}
