using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Tests.Training;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Evaluation;

/// <summary>
/// Real models scored on rows none of them trained on: a sample split by row number into a test third and the rest,
/// models trained on the rest (with different seeds, or with only weak features), all scored on the test third.
/// </summary>
internal static class EvaluationSamples
{
    private static readonly ModelEvaluator Evaluator = new(TestSchemas.DefaultOptions);

    public static (CsvDataset Training, CsvDataset Test, DatasetSchema Schema) Split(string sample)
    {
        var data = SampleDatasets.Load(sample);
        var test = data.Rows.Where((_, i) => i % 3 == 0).ToArray();
        var training = data.Rows.Where((_, i) => i % 3 != 0).ToArray();
        return (new CsvDataset(data.Columns, training), new CsvDataset(data.Columns, test), TestSchemas.ForSample(sample));
    }

    /// <summary>A model trained on <paramref name="training"/> under <paramref name="schema"/> with the given seed.</summary>
    public static BinaryData Train(CsvDataset training, DatasetSchema schema, int seed = 42) =>
        new ModelTrainer(Options.Create(new TrainingOptions { Seed = seed })).Train(training.Typed(schema)).ModelZip;

    /// <summary>Every row of <paramref name="test"/> as the shared holdout.</summary>
    public static HoldoutSet Holdout(CsvDataset test, DatasetSchema schema, CsvDataset training)
    {
        var label = training.IndexOf(schema.Label);
        var labels = training.Rows.Select(r => schema.Task == MlTask.Regression
            ? double.Parse(r[label], System.Globalization.CultureInfo.InvariantCulture)
            : (double)schema.ClassLabels.ToList().IndexOf(r[label].Trim())).ToList();
        return new HoldoutSet(test.Typed(schema), [.. Enumerable.Range(0, test.Rows.Count)], labels);
    }

    public static HoldoutScores Score(BinaryData zip, DatasetSchema modelSchema, HoldoutSet holdout)
    {
        var scoring = Evaluator.Score(zip, modelSchema, holdout);
        Assert.Null(scoring.Problem);
        return scoring.Scores!;
    }
}
