using System.Collections.Concurrent;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// A validated dataset as training reads it: one typed column per feature and the label, under the schema validation
/// accepted, in file order (all labelled rows, or a sample of them). Numbers are parsed once, categories are
/// dictionary codes, and each row carries a digest of its content (every cell; those the model reads as typed, so the
/// same data in a semicolon file or a Parquet file has the same digests), which orders the holdout split and the folds. Immutable: a run's activities share one copy, and what they derive from it (the split, the
/// folds, the model's input rows) is made once (<see cref="Derived{T}"/>).
/// </summary>
public sealed class ColumnarDataset
{
    private readonly ConcurrentDictionary<string, Lazy<object>> derived = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableColumn> byName;

    public ColumnarDataset(DatasetSchema schema, IReadOnlyList<TableColumn> features, TableColumn label, ulong[] digests, long rowsInFile)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(digests);
        if (features.Count != schema.Features.Count || features.Any(c => c.Count != digests.Length) || label.Count != digests.Length)
        {
            throw new ArgumentException("Every column needs one value per row, and one column per feature of the schema.", nameof(features));
        }

        Schema = schema;
        Features = features;
        Label = label;
        Digests = digests;
        RowsInFile = rowsInFile;
        byName = features.Append(label).ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The schema the columns are typed by.</summary>
    public DatasetSchema Schema { get; }

    /// <summary>One column per feature of <see cref="Schema"/>, in its order.</summary>
    public IReadOnlyList<TableColumn> Features { get; }

    /// <summary>Classification: codes that are indexes into the schema's class labels. Regression: the numbers.</summary>
    public TableColumn Label { get; }

    /// <summary>Each row's content digest (seed-free: a split mixes in its own seed).</summary>
    public ulong[] Digests { get; }

    public int RowCount => Digests.Length;

    /// <summary>The file's data rows: more than <see cref="RowCount"/> when these are a sample or some lack a label.</summary>
    public long RowsInFile { get; }

    /// <summary>Whether <see cref="RowCount"/> rows are a sample of the file's labelled rows.</summary>
    public bool IsSample { get; init; }

    /// <summary>The column of that name (a feature or the label), or null.</summary>
    public TableColumn? Column(string name) => byName.GetValueOrDefault(name);

    /// <summary>
    /// Something computed from this dataset alone, deterministically (a split, folds, the model's input rows), made
    /// once under <paramref name="key"/> however many activities ask at once.
    /// </summary>
    public T Derived<T>(string key, Func<T> make)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(make);
        return (T)derived.GetOrAdd(key, _ => new Lazy<object>(() => make())).Value;
    }
}
