using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Tests.Training.Search;

/// <summary>The model-based proposals, on synthetic objectives whose optimum is known.</summary>
public class ParzenProposerTests
{
    private static readonly IReadOnlyList<TrainerDefinition> Binary = TrainerCatalog.For(MlTask.BinaryClassification);

    [Fact]
    public void Propose_SameTrialsAndIndex_ProposesTheSameConfiguration()
    {
        var finished = Finished(10, seed: 3);
        var tried = finished.Select(t => t.Configuration).ToList();

        var first = new ParzenProposer(Binary, "auc", 42).Propose(finished, tried, 10);
        var second = new ParzenProposer(Binary, "auc", 42).Propose(finished, tried, 10);
        var otherSeed = new ParzenProposer(Binary, "auc", 43).Propose(finished, tried, 10);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Propose_NeverRepeatsADispatchedConfiguration()
    {
        var finished = Finished(12, seed: 5);
        var tried = finished.Select(t => t.Configuration).ToList();
        var proposer = new ParzenProposer(Binary, "auc", 42);

        for (var i = 12; i < 40; i++)
        {
            var proposal = proposer.Propose(finished, tried, i);
            Assert.DoesNotContain(proposal, tried);
            tried.Add(proposal);
        }
    }

    [Fact]
    public void Propose_NothingFinished_DrawsAValidRandomConfiguration()
    {
        var proposal = new ParzenProposer(Binary, "auc", 42).Propose([], [], 0);

        var trainer = Assert.Single(Binary, t => t.Name == proposal.Trainer);
        Assert.All(trainer.Space, p => Assert.True(p.Contains(proposal.Parameters[p.Name]), p.Name));
    }

    [Fact]
    public void Propose_FavoursTheTrainerAndRegionOfTheBestTrials()
    {
        var finished = Finished(16, seed: 11);
        var tried = finished.Select(t => t.Configuration).ToList();
        var proposer = new ParzenProposer(Binary, "auc", 42);

        var proposals = Enumerable.Range(16, 30).Select(i => proposer.Propose(finished, tried, i)).ToList();

        // The objective peaks for LightGbm at a learning rate of 0.05; most proposals go there.
        var lightGbm = proposals.Where(p => p.Trainer == "LightGbmBinary").ToList();
        Assert.True(lightGbm.Count >= 18, $"{lightGbm.Count} of 30 proposals were LightGbm");
        var near = lightGbm.Count(p => Math.Abs(Math.Log(p.Parameters["learningRate"] / 0.05)) < Math.Log(2.5));
        Assert.True(near >= lightGbm.Count / 2, $"{near} of {lightGbm.Count} LightGbm proposals near the optimum");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task TpeSearch_FindsABetterOptimumThanRandomSearch_AtTheSameTrialCount(int concurrency)
    {
        // Ten seeds of a 24-trial search each way; the regret is the distance of the best trial from the optimum.
        double tpe = 0, random = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            tpe += 1 - (await Search(SearchStrategy.Tpe, seed, concurrency)).Winner!.Metrics["auc"];
            random += 1 - (await Search(SearchStrategy.Random, seed, concurrency)).Winner!.Metrics["auc"];
        }

        Assert.True(tpe < 0.6 * random, $"mean regret: TPE {tpe / 10:0.0000}, random {random / 10:0.0000}");
    }

    [Fact]
    public async Task TpeSearch_ProposesTheSameTrials_HoweverTheirFinishesInterleave()
    {
        var inOrder = await Search(SearchStrategy.Tpe, 42, concurrency: 3);
        var shuffled = await Search(SearchStrategy.Tpe, 42, concurrency: 3, delay: t => (t.Index * 7) % 5);

        Assert.Equal(inOrder.Trials.Select(t => t.Configuration), shuffled.Trials.OrderBy(t => t.Index).Select(t => t.Configuration));
        Assert.Equal(inOrder.Winner?.Index, shuffled.Winner?.Index);
    }

    /// <summary>
    /// A smooth objective over the binary catalog: LightGbm best at a learning rate of 0.05 and 31 leaves (AUC 1), the
    /// other trainers capped lower, so a search that learns where the good trials are gets closer than one that does not.
    /// </summary>
    private static double Objective(TrialConfiguration c)
    {
        double Distance(string name, double optimum) =>
            c.Parameters.TryGetValue(name, out var v) ? Math.Log(v / optimum) : 0;

        return c.Trainer switch
        {
            "LightGbmBinary" => 1 - (0.02 * Math.Pow(Distance("learningRate", 0.05), 2)) - (0.01 * Math.Pow(Distance("numberOfLeaves", 31), 2)),
            "FastTreeBinary" => 0.97 - (0.02 * Math.Pow(Distance("learningRate", 0.1), 2)),
            _ => 0.9,
        };
    }

    private static List<TrialResult> Finished(int count, int seed) =>
    [
        .. ConfigurationSampler.Sample(Binary, count, seed).Select((c, i) =>
            new TrialResult(i, 0, c, 1, TrialStatus.Completed, new Dictionary<string, double> { ["auc"] = Objective(c) }, 5, 1, 0.1, null)),
    ];

    private static Task<SearchOutcome> Search(SearchStrategy strategy, int seed, int concurrency, Func<TrialRequest, int>? delay = null)
    {
        const int trials = 24;
        var configurations = ConfigurationSampler.Sample(Binary, strategy == SearchStrategy.Tpe ? SearchPlanner.StartupTrials(trials, Binary.Count) : trials, seed);
        var plan = Trials.Plan(trials, concurrency) with
        {
            Strategy = strategy,
            Settings = Trials.Settings() with { Seed = seed },
            Configurations = configurations,
        };
        return new TrialSearch(plan, async t =>
        {
            await Task.Delay(delay?.Invoke(t) ?? 0);
            return new TrialResult(t.Index, t.Rung, t.Configuration, t.Budget, TrialStatus.Completed, new Dictionary<string, double> { ["auc"] = Objective(t.Configuration) }, 5, 1, 0.1, null);
        }, () => DateTime.UnixEpoch).RunAsync();
    }
}
