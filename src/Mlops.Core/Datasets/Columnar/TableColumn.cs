namespace Mlops.Core.Datasets.Columnar;

/// <summary>One column of a <see cref="ColumnarDataset"/>, typed as the data contract says.</summary>
public abstract class TableColumn(string name, ColumnKind kind)
{
    public string Name { get; } = name;

    public ColumnKind Kind { get; } = kind;

    public abstract int Count { get; }

    /// <summary>
    /// The value as text in the product's form (invariant culture, a decimal point), null when missing: how a reader
    /// under another schema (an older champion's) sees the column.
    /// </summary>
    public abstract string? Text(int row);
}
