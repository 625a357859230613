using Mlops.Core.Errors;
using Mlops.Core.Profiling;
using Mlops.Core.Training;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// Builds a <see cref="ColumnarDataset"/> as a file streams by: each feature's cells parsed by its kind into typed
/// storage, rows without a label left out (training leaves them out), and with a <see cref="RowSampling"/> only the
/// rows it draws, in storage bounded by the sample, whatever the file's length. No string is kept per cell except
/// free text. Throws <see cref="MlopsException"/> when a cell is not what the schema says: validation accepted the
/// file, so that means file and schema disagree.
/// </summary>
public sealed class ColumnarDatasetBuilder : ICsvRowSink
{
    private readonly DatasetSchema schema;
    private readonly RowSampling? sampling;
    private readonly SampleSlots? slots;
    private readonly Dictionary<string, int> classes;
    private ColumnBuilder[] features = [];
    private int[] featureColumns = [];
    private ColumnBuilder? regressionLabel;
    private int[] labelCodes = [];
    private int labelColumn = -1;
    private ulong[] digests = [];
    private ulong[] cellHashes = [];
    private bool[] read = [];
    private long[] positions = [];
    private long position;
    private int count;

    /// <param name="schema">The schema validation accepted.</param>
    /// <param name="sampling">The rows to keep when not all fit; null keeps all.</param>
    public ColumnarDatasetBuilder(DatasetSchema schema, RowSampling? sampling = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        this.schema = schema;
        this.sampling = sampling;
        slots = sampling is null ? null : new SampleSlots(sampling);
        classes = schema.ClassLabels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Types rows already in memory (a small file, or a test's) under <paramref name="schema"/>.</summary>
    public static ColumnarDataset From(CsvDataset data, DatasetSchema schema, RowSampling? sampling = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var builder = new ColumnarDatasetBuilder(schema, sampling);
        builder.Header(data.Columns);
        foreach (var row in data.Rows)
        {
            builder.Row(new CsvRow(row));
        }

        return builder.Build();
    }

    public void Header(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var index = columns.Select((name, i) => (name, i)).GroupBy(p => p.name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        featureColumns = [.. schema.Features.Select(f => index.TryGetValue(f.Name, out var i) ? i : throw MlopsException.Invalid($"The data has no column '{f.Name}', which the model needs as its feature."))];
        features = [.. schema.Features.Select(f => ColumnBuilder.For(f.Name, f.Kind))];
        labelColumn = index.TryGetValue(schema.Label, out var label) ? label : throw MlopsException.Invalid($"The data has no column '{schema.Label}', which the model needs as its label.");
        regressionLabel = schema.Task == MlTask.Regression ? ColumnBuilder.For(schema.Label, ColumnKind.Numeric) : null;
        cellHashes = new ulong[columns.Count];
        read = new bool[columns.Count];
        foreach (var column in featureColumns.Append(labelColumn))
        {
            read[column] = true;
        }
    }

    public void Row(CsvRow row)
    {
        var at = position++;
        var labelCell = labelColumn < row.Count ? row[labelColumn] : [];
        if (MissingValues.IsMissing(labelCell))
        {
            return;
        }

        var code = regressionLabel is null ? ClassOf(labelCell) : -1;
        int slot;
        if (slots is null)
        {
            slot = count++;
        }
        else if (!slots.TryAdmit(SplitMix64.Mix(sampling!.Seed ^ SplitMix64.Mix((ulong)at)), sampling.StratifyBy is null ? -1 : code, out slot))
        {
            return;
        }

        // Every cell counts towards the row's identity (rows that differ only in a column the model does not read are
        // still two examples); the cells it reads count as typed ("1.0" and "1" are one value), the others as written.
        var hashes = cellHashes;
        for (var i = 0; i < features.Length; i++)
        {
            hashes[featureColumns[i]] = features[i].Set(slot, featureColumns[i] < row.Count ? row[featureColumns[i]] : []);
        }

        if (regressionLabel is null)
        {
            SlotArrays.Put(ref labelCodes, slot, code);
            hashes[labelColumn] = ValueHash.Of(schema.ClassLabels[code]);
        }
        else
        {
            hashes[labelColumn] = regressionLabel.Set(slot, labelCell);
        }

        var digest = ValueHash.RowSeed;
        for (var i = 0; i < hashes.Length; i++)
        {
            digest = ValueHash.Combine(digest, read[i] ? hashes[i] : i < row.Count ? ValueHash.Of(row[i]) : ValueHash.Missing);
        }

        SlotArrays.Put(ref digests, slot, ValueHash.Finish(digest));
        SlotArrays.Put(ref positions, slot, at);
    }

    /// <summary>The dataset; call once, after the last row.</summary>
    public ColumnarDataset Build()
    {
        var order = slots is null ? [.. Enumerable.Range(0, count)] : slots.Held().OrderBy(s => positions[s]).ToArray();
        var label = regressionLabel?.Build(order) ?? new CodedColumn(schema.Label, ColumnKind.Categorical, SlotArrays.Gather(labelCodes, order), schema.ClassLabels);
        return new ColumnarDataset(schema, [.. features.Select(f => f.Build(order))], label, SlotArrays.Gather(digests, order), position)
        {
            IsSample = slots is not null && order.Length < LabelledRows,
        };
    }

    private long LabelledRows => slots is null ? count : position;

    private int ClassOf(ReadOnlySpan<char> cell)
    {
        var trimmed = cell.Trim();
        return classes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(trimmed, out var code)
            ? code
            : throw MlopsException.Invalid($"Label '{schema.Label}' holds '{(trimmed.Length <= 40 ? trimmed.ToString() : string.Concat(trimmed[..40], "…"))}', which is not one of the model's classes: {string.Join(", ", schema.ClassLabels)}.");
    }
}
