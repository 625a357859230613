using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

/// <summary>The acceptance's reproducibility: same data, seed and configuration, same selection and metrics.</summary>
public class SearchDeterminismTests
{
    [Fact]
    public async Task Search_RunTwice_SelectsTheSameTrialWithTheSameMetrics()
    {
        var data = SampleDatasets.Load(SampleDatasets.Wine);
        var schema = TestSchemas.ForSample(SampleDatasets.Wine);
        var options = new TrainingOptions { MaxTrials = 6, MaxConcurrentTrials = 2 };

        var first = await SearchAsync(data, schema, options);
        var second = await SearchAsync(data, schema, options);

        Assert.NotNull(first.Winner);
        Assert.Equal(first.Winner.Index, second.Winner?.Index);
        Assert.Equal(first.Winner.Configuration, second.Winner?.Configuration);
        Assert.Equal(first.Trials.Select(t => t.Status), second.Trials.Select(t => t.Status));
        foreach (var (a, b) in first.Trials.Zip(second.Trials))
        {
            Assert.Equal(a.Metrics.Keys, b.Metrics.Keys);
            Assert.All(a.Metrics, m => Assert.Equal(m.Value, b.Metrics[m.Key], 1e-6));
        }
    }

    [Fact]
    public async Task Search_ConcurrencyOneOrThree_SelectsTheSameTrial()
    {
        var data = SampleDatasets.Load(SampleDatasets.Wine);
        var schema = TestSchemas.ForSample(SampleDatasets.Wine);

        var sequential = await SearchAsync(data, schema, new TrainingOptions { MaxTrials = 6, MaxConcurrentTrials = 1 });
        var parallel = await SearchAsync(data, schema, new TrainingOptions { MaxTrials = 6, MaxConcurrentTrials = 3 });

        Assert.Equal(sequential.Winner?.Configuration, parallel.Winner?.Configuration);
        Assert.Equal(sequential.Winner!.Metrics["macroF1"], parallel.Winner!.Metrics["macroF1"], 1e-9);
    }

    private static Task<SearchOutcome> SearchAsync(CsvDataset data, DatasetSchema schema, TrainingOptions options)
    {
        var plan = new SearchPlanner(Options.Create(options)).Plan(data.Typed(schema), null, []);
        var runner = new TrialRunner(TimeProvider.System);
        return new TrialSearch(plan, t => Task.Run(() => runner.Run(data.Typed(schema), plan.Settings, t)), () => DateTime.UtcNow).RunAsync();
    }
}
