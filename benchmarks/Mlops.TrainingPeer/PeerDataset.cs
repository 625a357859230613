using System.Globalization;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;

namespace Mlops.TrainingPeer;

/// <summary>A sample dataset and its schema: every column but "label" a numeric feature, as validation infers them.</summary>
internal sealed record PeerDataset(string Name, CsvDataset Data, DatasetSchema Schema)
{
    private const string Label = "label";

    /// <summary>The rows as training reads them (no sample row lacks a label, so row i is line i of the file).</summary>
    public ColumnarDataset Typed { get; } = ColumnarDatasetBuilder.From(Data, Schema);

    /// <summary>The samples compared, with their task (read from samples/, written by scripts/make-samples.py).</summary>
    public static readonly IReadOnlyDictionary<string, MlTask> Samples = new Dictionary<string, MlTask>(StringComparer.Ordinal)
    {
        ["breast_cancer"] = MlTask.BinaryClassification,
        ["wine"] = MlTask.MulticlassClassification,
        ["digits"] = MlTask.MulticlassClassification,
        ["diabetes"] = MlTask.Regression,
    };

    public static PeerDataset Load(string samplesFolder, string name)
    {
        var lines = File.ReadAllLines(Path.Combine(samplesFolder, name + ".csv")).Where(l => l.Length > 0).ToArray();
        var data = new CsvDataset(lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
        var task = Samples[name];
        var label = data.IndexOf(Label);
        var features = data.Columns.Where(c => c != Label).Select(c => new ColumnSchema(c, ColumnKind.Numeric)).ToArray();
        var classes = task == MlTask.Regression
            ? []
            : data.Rows.Select(r => r[label].Trim()).Distinct(StringComparer.Ordinal).OrderBy(Number).ThenBy(v => v, StringComparer.Ordinal).ToArray();
        return new PeerDataset(name, data, new DatasetSchema(features, Label, task, classes));
    }

    // Numeric labels in numeric order (digits 0-9), as validation orders them; text labels ordinally.
    private static double Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;
}
