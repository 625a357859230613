using Mlops.Core.Datasets;
using Mlops.Core.Registry;

namespace Mlops.Storage.Tests.Registry;

/// <summary>Builds model versions for registry tests.</summary>
internal static class ModelVersions
{
    public static ModelVersion For(string model, int version, string runId, int features = 3) => new(
        model,
        version,
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        runId,
        "FastTreeBinary",
        new Dictionary<string, string> { ["numberOfTrees"] = "100", ["learningRate"] = "0.2" },
        new Dictionary<string, double> { ["auc"] = 0.93, ["f1"] = 0.88, ["logLoss"] = double.NaN },
        new DatasetSchema(
            Enumerable.Range(0, features).Select(i => new ColumnSchema($"feature_{i}", i % 2 == 0 ? ColumnKind.Numeric : ColumnKind.Categorical)).ToList(),
            "label",
            MlTask.BinaryClassification,
            ["no", "yes"]),
        new Lineage($"{model}/data.csv", "\"0x8D\"", new string('a', 64), runId, null),
        new string('b', 64));
}
