using System.Globalization;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>A numeric column in single precision, what the model computes in; NaN where the value is missing.</summary>
public sealed class NumberColumn(string name, float[] values) : TableColumn(name, ColumnKind.Numeric)
{
    public float[] Values { get; } = values;

    public override int Count => Values.Length;

    public override string? Text(int row) =>
        float.IsNaN(Values[row]) ? null : Values[row].ToString("R", CultureInfo.InvariantCulture);
}
