using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Tests.Training;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Tests.Evaluation;

public class NonFiniteMetricsTests
{
    public static TheoryData<string> BinaryTrainers() => [.. TrainerCatalog.For(MlTask.BinaryClassification).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(BinaryTrainers))]
    public void ANearlySeparableLabel_WhoseProbabilitiesSaturate_StillHasFiniteStorableMetrics(string trainer)
    {
        // The label is the sign of f0 with little noise: a model can be certain, and ML.NET's log-loss becomes infinite.
        var random = new Random(4);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            var f = Enumerable.Range(0, 4).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
            var label = f[0] + (0.2 * ((random.NextDouble() * 2) - 1)) > 0 ? "yes" : "no";
            return (string[])[.. f.Select(v => v.ToString(CultureInfo.InvariantCulture)), label];
        }).ToArray();
        var data = new CsvDataset(["f0", "f1", "f2", "f3", "label"], rows);
        var schema = TestSchemas.Infer(data, MlTask.BinaryClassification);
        var definition = TrainerCatalog.Find(MlTask.BinaryClassification, trainer);

        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema), new TrialConfiguration(trainer, definition.Defaults), null);

        Assert.All(trained.Metrics.Values, v => Assert.True(double.IsFinite(v), string.Join(", ", trained.Metrics)));
        Assert.Contains("logLoss", trained.Metrics.Keys);
        Assert.NotNull(JsonSerializer.Serialize(trained.Metrics));
    }
}
