using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

/// <summary>
/// Schemas for test data the way validation infers them for the samples: every column but the label is a numeric
/// feature, class labels sorted. Kept here so these tests do not depend on the validator.
/// </summary>
internal static class TestSchemas
{
    public static IOptions<TrainingOptions> DefaultOptions { get; } = Options.Create(new TrainingOptions());

    /// <summary>The rows typed under <paramref name="schema"/>, as training reads a validated file.</summary>
    public static ColumnarDataset Typed(this CsvDataset data, DatasetSchema schema) => ColumnarDatasetBuilder.From(data, schema);

    public static DatasetSchema ForSample(string sample) => Infer(SampleDatasets.Load(sample), sample switch
    {
        SampleDatasets.BreastCancer => MlTask.BinaryClassification,
        SampleDatasets.Diabetes => MlTask.Regression,
        _ => MlTask.MulticlassClassification,
    });

    public static DatasetSchema Infer(CsvDataset data, MlTask task, string label = "label", IReadOnlyCollection<string>? categorical = null)
    {
        var features = data.Columns
            .Where(c => c != label)
            .Select(c => new ColumnSchema(c, categorical?.Contains(c) == true ? ColumnKind.Categorical : ColumnKind.Numeric))
            .ToArray();
        var labelIndex = data.IndexOf(label);
        var classes = task == MlTask.Regression
            ? []
            : data.Rows.Select(r => r[labelIndex].Trim()).Where(v => !MissingValues.IsMissing(v)).Distinct().Order(StringComparer.Ordinal).ToArray();
        return new DatasetSchema(features, label, task, classes);
    }
}
