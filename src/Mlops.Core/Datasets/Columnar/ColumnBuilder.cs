using System.Runtime.InteropServices;
using Mlops.Core.Errors;
using Mlops.Core.Profiling;
using Mlops.Core.Training;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// Turns one column's cells into its typed values, written into row slots: a slot is reused when sampling evicts its
/// row, and <see cref="Build"/> gathers the slots that stayed, in the order given.
/// </summary>
internal abstract class ColumnBuilder(string name)
{
    public string Name { get; } = name;

    public static ColumnBuilder For(string name, ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => new Numbers(name),
        ColumnKind.Date => new Dates(name),
        ColumnKind.Categorical => new Categories(name),
        _ => new Texts(name),
    };

    /// <summary>
    /// Stores the cell's value; returns a hash of the value as typed (not as written, so "1.0" and "1" are one value).
    /// Throws <see cref="MlopsException"/> naming the column when the cell is not of its kind.
    /// </summary>
    public abstract ulong Set(int slot, ReadOnlySpan<char> cell);

    public abstract TableColumn Build(ReadOnlySpan<int> slots);

    protected static string Shorten(ReadOnlySpan<char> value) =>
        value.Length <= 40 ? value.ToString() : string.Concat(value[..40], "…");

    private sealed class Numbers(string name) : ColumnBuilder(name)
    {
        private float[] values = [];

        public override ulong Set(int slot, ReadOnlySpan<char> cell)
        {
            var value = float.NaN;
            if (!MissingValues.IsMissing(cell) && !FeatureLayout.TryParseNumber(cell, out value))
            {
                throw MlopsException.Invalid($"Column '{Name}' holds '{Shorten(cell)}', which is not a number; the model reads it as numeric.");
            }

            SlotArrays.Put(ref values, slot, value);
            return float.IsNaN(value) ? ValueHash.Missing : SplitMix64.Mix((ulong)BitConverter.SingleToUInt32Bits(value + 0f));
        }

        public override TableColumn Build(ReadOnlySpan<int> slots) => new NumberColumn(Name, SlotArrays.Gather(values, slots));
    }

    private sealed class Dates(string name) : ColumnBuilder(name)
    {
        private long[] ticks = [];

        public override ulong Set(int slot, ReadOnlySpan<char> cell)
        {
            var value = DateColumn.Missing;
            if (!MissingValues.IsMissing(cell))
            {
                value = DateParts.TryParseUtc(cell, out var date)
                    ? date.Ticks
                    : throw MlopsException.Invalid($"Column '{Name}' holds '{Shorten(cell)}', which is not a date; the model reads it as a date.");
            }

            SlotArrays.Put(ref ticks, slot, value);
            return value == DateColumn.Missing ? ValueHash.Missing : SplitMix64.Mix((ulong)value);
        }

        public override TableColumn Build(ReadOnlySpan<int> slots) => new DateColumn(Name, SlotArrays.Gather(ticks, slots));
    }

    /// <summary>Few distinct values: coded as they arrive, so a slot holds only its code.</summary>
    private sealed class Categories(string name) : ColumnBuilder(name)
    {
        private readonly Dictionary<string, int> codes = new(StringComparer.Ordinal);
        private readonly List<string> values = [];
        private int[] slotCodes = [];

        public override ulong Set(int slot, ReadOnlySpan<char> cell)
        {
            var code = CodedColumn.Missing;
            var hash = ValueHash.Missing;
            if (!MissingValues.IsMissing(cell))
            {
                var trimmed = cell.Trim();
                hash = ValueHash.Of(trimmed);
                var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
                if (!lookup.TryGetValue(trimmed, out code))
                {
                    code = values.Count;
                    var value = trimmed.ToString();
                    values.Add(value);
                    codes[value] = code;
                }
            }

            SlotArrays.Put(ref slotCodes, slot, code);
            return hash;
        }

        public override TableColumn Build(ReadOnlySpan<int> slots) => new CodedColumn(Name, ColumnKind.Categorical, SlotArrays.Gather(slotCodes, slots), values);
    }

    /// <summary>
    /// Free text, often one value a row: kept per slot until the end, so a value sampling evicts is not remembered,
    /// then coded (repeated texts stored once).
    /// </summary>
    private sealed class Texts(string name) : ColumnBuilder(name)
    {
        private string?[] slotValues = [];

        public override ulong Set(int slot, ReadOnlySpan<char> cell)
        {
            var missing = MissingValues.IsMissing(cell);
            SlotArrays.Put(ref slotValues, slot, missing ? null : cell.Trim().ToString());
            return missing ? ValueHash.Missing : ValueHash.Of(cell.Trim());
        }

        public override TableColumn Build(ReadOnlySpan<int> slots)
        {
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            var values = new List<string>();
            var result = new int[slots.Length];
            for (var i = 0; i < slots.Length; i++)
            {
                var value = slotValues[slots[i]];
                if (value is null)
                {
                    result[i] = CodedColumn.Missing;
                    continue;
                }

                ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(codes, value, out var exists);
                if (!exists)
                {
                    code = values.Count;
                    values.Add(value);
                }

                result[i] = code;
            }

            slotValues = [];
            return new CodedColumn(Name, ColumnKind.Text, result, values);
        }
    }
}
