using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

/// <summary>The search loop's decisions, with trials as tasks the test completes by hand.</summary>
public class TrialSearchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RunAsync_NeverRunsMoreTrialsAtOnceThanTheBound(int bound)
    {
        var trials = new ManualTrials();
        var search = new TrialSearch(Trials.Plan(10, bound), trials.Start, () => DateTime.UnixEpoch).RunAsync();

        while (!search.IsCompleted)
        {
            Assert.InRange(trials.Running, 1, bound);
            trials.FinishOldest(0.5);
        }

        var outcome = await search;
        Assert.Equal(10, outcome.Trials.Count);
        Assert.Equal(bound, trials.MostAtOnce);
    }

    [Fact]
    public async Task RunAsync_AFailedTrial_IsRecordedAndTheSearchGoesOn()
    {
        var plan = Trials.Plan(4, 2);
        var search = new TrialSearch(
            plan,
            t => Task.FromResult(t.Index == 1 ? TrialResult.Failed(t, "LightGbm exploded") : Result(t, 0.9 + (t.Index / 100.0))),
            () => DateTime.UnixEpoch);

        var outcome = await search.RunAsync();

        Assert.Equal(4, outcome.Trials.Count);
        Assert.Equal(TrialStatus.Failed, outcome.Trials[1].Status);
        Assert.Equal(3, outcome.Winner?.Index);
    }

    [Fact]
    public async Task RunAsync_WallTimeBudget_StartsNoTrialAfterTheDeadline()
    {
        var now = DateTime.UnixEpoch;
        var plan = Trials.Plan(10, 1, maxSeconds: 250);
        var search = new TrialSearch(plan, t =>
        {
            now = now.AddSeconds(100);
            return Task.FromResult(Result(t, 0.9));
        }, () => now);

        var outcome = await search.RunAsync();

        Assert.Equal(3, outcome.Trials.Count);
        Assert.Contains("250-second budget", outcome.StopReason, StringComparison.Ordinal);
        Assert.NotNull(outcome.Winner);
    }

    [Fact]
    public async Task RunAsync_TrialBudget_DispatchesOnlyThePlannedTrials()
    {
        var plan = Trials.Plan(10, 2) with { Rungs = [new SearchRung(4, 1)] };
        var started = 0;

        var outcome = await new TrialSearch(plan, t => { started++; return Task.FromResult(Result(t, 0.9)); }, () => DateTime.UnixEpoch).RunAsync();

        Assert.Equal(4, started);
        Assert.Equal(4, outcome.Trials.Count);
    }

    [Fact]
    public async Task RunAsync_Halving_PromotesTheBestToTheNextRungOnAFullBudget()
    {
        var plan = Trials.Plan(9, 2) with { Strategy = SearchStrategy.Halving, Rungs = [new SearchRung(9, 1 / 3.0), new SearchRung(3, 1)] };
        var requests = new List<TrialRequest>();

        var outcome = await new TrialSearch(plan, t =>
        {
            requests.Add(t);
            // On the small budget configuration i scores i/100; on the full one, the reverse order.
            return Task.FromResult(Result(t, t.Rung == 0 ? t.Configuration.Parameters["p"] / 100 : 1 - (t.Configuration.Parameters["p"] / 100)));
        }, () => DateTime.UnixEpoch).RunAsync();

        Assert.Equal(12, outcome.Trials.Count);
        Assert.Equal(["T8", "T7", "T6"], requests.Where(r => r.Rung == 1).Select(r => r.Configuration.Trainer));
        Assert.All(requests.Where(r => r.Rung == 1), r => Assert.Equal(1, r.Budget));
        Assert.Equal("T6", outcome.Winner?.Configuration.Trainer);
        Assert.Equal(1, outcome.Winner?.Rung);
    }

    [Fact]
    public async Task RunAsync_TellsEachTrialTheBestOfTheTrialsFinishedBeforeIt()
    {
        var requests = new List<TrialRequest>();
        var search = new TrialSearch(Trials.Plan(5, 2), t =>
        {
            requests.Add(t);
            return Task.FromResult(Result(t, 0.90 + (t.Index / 100.0)));
        }, () => DateTime.UnixEpoch);

        await search.RunAsync();

        // With two at a time, trial i only knows trials up to i - 2; the threshold sits a tie's width below the best.
        Assert.Null(requests[0].StopWhenWorseThan);
        Assert.Null(requests[1].StopWhenWorseThan);
        Assert.Equal(0.90 - (0.90 * 1e-4), requests[2].StopWhenWorseThan!.Value, 12);
        Assert.Equal(0.91 - (0.91 * 1e-4), requests[3].StopWhenWorseThan!.Value, 12);
    }

    [Fact]
    public async Task RunAsync_BeforeTheLastRung_StopsATrialOnlyBehindItsOwnTrainersBest()
    {
        // Two rungs, one promoted: trial 2 (trainer B) follows trials of A only and must still be allowed to become
        // B's best; trial 3 (A) must beat A's best so far, trial 4 (B) only B's best, which is behind A's.
        TrialConfiguration[] configurations = [Trials.Config("A", 0), Trials.Config("A", 1), Trials.Config("B", 2), Trials.Config("A", 3), Trials.Config("B", 4)];
        var plan = Trials.Plan(5, 1) with
        {
            Strategy = SearchStrategy.Halving,
            Configurations = configurations,
            Rungs = [new SearchRung(5, 1 / 3.0), new SearchRung(1, 1)],
        };
        var requests = new List<TrialRequest>();

        await new TrialSearch(plan, t =>
        {
            requests.Add(t);
            return Task.FromResult(Result(t, t.Rung == 0 ? 0.9 - (t.Index / 100.0) : 0.95));
        }, () => DateTime.UnixEpoch).RunAsync();

        Assert.Null(requests[0].StopWhenWorseThan);
        Assert.Equal(0.90, requests[1].StopWhenWorseThan!.Value, 12);
        Assert.Null(requests[2].StopWhenWorseThan);
        Assert.Equal(0.90, requests[3].StopWhenWorseThan!.Value, 12);
        Assert.Equal(0.88, requests[4].StopWhenWorseThan!.Value, 12);
    }

    [Fact]
    public async Task RunAsync_ReportsProgressAfterEveryTrial()
    {
        var reports = new List<SearchProgress>();
        var search = new TrialSearch(Trials.Plan(3, 2), t => Task.FromResult(Result(t, 0.8 + (t.Index / 10.0))), () => DateTime.UnixEpoch, reports.Add);

        await search.RunAsync();

        Assert.Equal([0, 1, 2, 3], reports.Select(r => r.TrialsDone));
        Assert.All(reports, r => Assert.Equal(3, r.TrialsPlanned));
        Assert.Equal(2, reports[^1].Best?.Index);
    }

    private static TrialResult Result(TrialRequest request, double auc) =>
        new(request.Index, request.Rung, request.Configuration, request.Budget, TrialStatus.Completed, new Dictionary<string, double> { ["auc"] = auc }, 5, 1, 0.1, null);

    /// <summary>Trials that run until the test finishes them, counting how many run at once.</summary>
    private sealed class ManualTrials
    {
        private readonly List<(TrialRequest Request, TaskCompletionSource<TrialResult> Done)> running = [];

        public int Running => running.Count;

        public int MostAtOnce { get; private set; }

        public Task<TrialResult> Start(TrialRequest request)
        {
            var done = new TaskCompletionSource<TrialResult>();
            running.Add((request, done));
            MostAtOnce = Math.Max(MostAtOnce, running.Count);
            return done.Task;
        }

        public void FinishOldest(double auc)
        {
            var (request, done) = running[0];
            running.RemoveAt(0);
            done.SetResult(Result(request, auc));
        }
    }
}
