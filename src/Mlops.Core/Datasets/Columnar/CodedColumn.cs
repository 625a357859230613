namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// Categories, free text and class labels as dictionary codes: each distinct (trimmed) value is stored once and a row
/// holds its index, <see cref="Missing"/> where missing. A column of a few values costs four bytes a row.
/// </summary>
public sealed class CodedColumn(string name, ColumnKind kind, int[] codes, IReadOnlyList<string> values) : TableColumn(name, kind)
{
    public const int Missing = -1;

    public int[] Codes { get; } = codes;

    /// <summary>The distinct values, in order of first appearance; a code indexes this list.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    public override int Count => Codes.Length;

    public override string? Text(int row) => Codes[row] == Missing ? null : Values[Codes[row]];
}
