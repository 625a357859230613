using System.Runtime.InteropServices;
using Mlops.Core.Datasets;

namespace Mlops.Core.Profiling;

/// <summary>
/// One column's state during the single profiling pass. Up to <see cref="ProfilerSettings.ExactValueLimit"/> distinct
/// values it keeps every value with its count, parsing each value once, so low-cardinality columns (categories,
/// booleans, small integers) cost one dictionary lookup per cell and are profiled exactly. Beyond that bound it
/// replays those counts into sketches and continues with them: HyperLogLog for distinct values, KLL and running
/// moments for numbers, Misra-Gries for the commonest text values. Its memory is bounded whatever the row count.
/// </summary>
internal sealed class ColumnAccumulator(string name, int index, ProfilerSettings settings, ulong seed)
{
    /// <summary>Kinds of non-numeric value a column's statistics name (<see cref="ColumnStatistics.NonNumericValues"/>).</summary>
    public const int NonNumericValuesKept = 5;

    // Keyed by the value's ValueHash, which the caller has computed already: hashing the text a second time for a
    // string dictionary cost more than the lookup itself. Distinct values sharing a 64-bit hash would be counted as
    // one; at the exact bound (about 10^3 values) that has a chance of the order of 10^-13.
    private Dictionary<ulong, ValueCount>? exact = [];
    private HyperLogLog? distinct;
    private KllSketch? sketch;
    private FrequentItems? frequent;
    private bool frequentFromStart;
    private RunningMoments moments = new();

    private long rows;
    private long missing;
    private bool numeric = true;
    private bool sawNumber;
    private bool integers = true;
    private bool zeroOne = true;
    private bool booleanTokens = true;
    private bool dates = true;
    private string? nonNumericExample;
    private string? nonDateExample;
    private string? leadingZeroExample;

    // Present values that are not numbers, counted once the exact counts are gone (before that, the counts say).
    private long nonNumericPastExact;
    private DateTime minDate = DateTime.MaxValue;
    private DateTime maxDate = DateTime.MinValue;

    public string Name { get; } = name;

    /// <summary>The column's position in the header.</summary>
    public int Index { get; } = index;

    public void AddMissing()
    {
        rows++;
        missing++;
    }

    /// <summary>Adds a present value, already trimmed, with its <see cref="ValueHash"/>.</summary>
    public void Add(ReadOnlySpan<char> value, ulong hash)
    {
        rows++;
        if (exact is not null)
        {
            // A string is made only for a value not seen before.
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(exact, hash, out var exists);
            if (exists)
            {
                entry.Count++;
                return;
            }

            entry = new ValueCount(value.ToString(), 1, Classify(value));
            if (exact.Count > settings.ExactValueLimit)
            {
                Overflow();
            }

            return;
        }

        distinct!.Add(hash);
        var number = Classify(value);
        if (double.IsNaN(number))
        {
            nonNumericPastExact++;
        }

        if (numeric)
        {
            sketch!.Add(number);
            moments.Add(number);
            return;
        }

        if (dates)
        {
            return;
        }

        // Text from the start, or a column that stopped being numeric or dates past the bound (counts from here on).
        frequent ??= new FrequentItems(settings.FrequentItemsCapacity);
        frequent.Add(value, hash);
    }

    public ColumnStatistics Complete()
    {
        var present = rows - missing;
        var values = exact?.Values.ToDictionary(e => e.Value, e => e.Count, StringComparer.Ordinal);
        // The estimate can land a little above the values there are (about 2,527 distinct in 2,500 rows): never past them.
        var distinctCount = exact?.Count ?? Math.Min(present, Math.Max(settings.ExactValueLimit + 1, distinct!.Estimate()));

        WeightedValues? numbers = null;
        var summary = moments;
        if (numeric && present > 0)
        {
            if (exact is not null)
            {
                summary = new RunningMoments();
                foreach (var entry in exact.Values)
                {
                    summary.Add(entry.Number, entry.Count);
                }

                numbers = WeightedValues.From(exact.Values.Select(e => (e.Number, e.Count)), exact: true);
            }
            else
            {
                numbers = WeightedValues.From(sketch!.Items(), exact: false);
            }
        }

        IReadOnlyList<CategoryCount> top = [];
        var topExact = true;
        double? topShare = null;
        if (values is not null)
        {
            top = [.. values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Take(settings.TopCategories).Select(v => new CategoryCount(v.Key, v.Value))];
            topShare = present == 0 ? null : (double)top[0].Count / present;
        }
        else if (frequent is not null)
        {
            top = frequent.Top(settings.TopCategories);
            topExact = false;
            topShare = frequentFromStart && top.Count > 0 ? (double)top[0].Count / present : null;
        }

        return new ColumnStatistics
        {
            Name = Name,
            Rows = rows,
            Missing = missing,
            DistinctCount = distinctCount,
            DistinctExact = exact is not null,
            ValueCounts = values,
            Type = TypeOf(present, distinctCount),
            AllNumeric = numeric,
            AllIntegers = numeric && integers,
            NonNumericExample = nonNumericExample,
            NonNumericCount = exact is not null ? exact.Values.Where(e => double.IsNaN(e.Number)).Sum(e => e.Count) : nonNumericPastExact,
            NonNumericValues = exact is not null
                ? [.. exact.Values.Where(e => double.IsNaN(e.Number)).OrderByDescending(e => e.Count).ThenBy(e => e.Value, StringComparer.Ordinal).Take(NonNumericValuesKept).Select(e => e.Value)]
                : nonNumericExample is null ? [] : [nonNumericExample],
            NonDateExample = nonDateExample,
            LeadingZeroExample = numeric ? leadingZeroExample : null,
            Numbers = numbers,
            Moments = numbers is null ? null : summary,
            Dates = dates && !numeric && present > 0 ? new DateRange(minDate, maxDate) : null,
            TopValues = top,
            TopValuesExact = topExact,
            TopShare = topShare,
        };
    }

    private InferredType TypeOf(long present, long distinctCount)
    {
        if (present == 0)
        {
            return InferredType.Empty;
        }

        if (numeric)
        {
            return zeroOne && distinctCount == 2 ? InferredType.Boolean : InferredType.Numeric;
        }

        if (booleanTokens)
        {
            return InferredType.Boolean;
        }

        if (dates)
        {
            return InferredType.DateTime;
        }

        // Categories repeat: few values, or each value held by two rows or more on average.
        return exact is not null && (distinctCount <= 50 || distinctCount * 2 <= present) ? InferredType.Categorical : InferredType.Text;
    }

    /// <summary>
    /// Updates what the column can be from a value not seen before; returns it as a number, or NaN. Numbers are parsed
    /// even once the column has stopped being numeric, so that a column of numbers with a few stray words is told
    /// apart from text.
    /// </summary>
    private double Classify(ReadOnlySpan<char> value)
    {
        var isNumber = CsvValues.TryParseNumber(value, out var parsed);
        if (numeric)
        {
            if (isNumber)
            {
                // "02134": a number does not keep zeros in front; a code (postal, account, product) does.
                if (leadingZeroExample is null && value.Length > 1 && value[0] == '0' && char.IsAsciiDigit(value[1]))
                {
                    leadingZeroExample = value.ToString();
                }

                sawNumber = true;
                integers &= parsed == Math.Floor(parsed);
                zeroOne &= parsed is 0 or 1;
                return parsed;
            }

            numeric = false;
            nonNumericExample = value.ToString();

            // A number seen earlier is neither a boolean token nor a date.
            booleanTokens &= !sawNumber;
            dates &= !sawNumber;
        }

        if (booleanTokens)
        {
            booleanTokens = BooleanValues.IsToken(value);
        }

        if (dates)
        {
            if (DateValues.TryParse(value, out var date))
            {
                minDate = date < minDate ? date : minDate;
                maxDate = date > maxDate ? date : maxDate;
            }
            else
            {
                dates = false;
                nonDateExample = value.ToString();
            }
        }

        return isNumber ? parsed : double.NaN;
    }

    /// <summary>Past the exact bound: replays the exact counts into the sketches that take over.</summary>
    private void Overflow()
    {
        distinct = new HyperLogLog();
        foreach (var hash in exact!.Keys)
        {
            distinct.Add(hash);
        }

        if (numeric)
        {
            sketch = new KllSketch(settings.QuantileSketchSize, seed);
            foreach (var entry in exact.Values)
            {
                sketch.Add(entry.Number, entry.Count);
                moments.Add(entry.Number, entry.Count);
            }
        }
        else if (!dates)
        {
            frequent = new FrequentItems(settings.FrequentItemsCapacity);
            frequentFromStart = true;
            foreach (var (hash, entry) in exact)
            {
                frequent.Add(entry.Value, hash, entry.Count);
            }
        }

        nonNumericPastExact = exact.Values.Where(e => double.IsNaN(e.Number)).Sum(e => e.Count);
        exact = null;
    }

    private record struct ValueCount(string Value, long Count, double Number);
}
