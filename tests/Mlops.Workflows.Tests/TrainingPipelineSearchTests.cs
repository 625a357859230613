using Microsoft.DurableTask;
using Mlops.Core.Training.Search;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Moq;

namespace Mlops.Workflows.Tests;

/// <summary>The train stage's search in the orchestrator: trials fan out as activities within the bound, survive failures, respect budgets.</summary>
public sealed class TrainingPipelineSearchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Search_FansTrialsOutAsActivities_NeverMoreAtOnceThanTheBound(int bound)
    {
        var context = SearchFakes.Context(SearchFakes.Plan(10, bound));
        var running = new List<(TrialRequest Trial, TaskCompletionSource<TrialResult> Done)>();
        var mostAtOnce = 0;
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var done = new TaskCompletionSource<TrialResult>();
                running.Add((((RunTrialInput)input!).Trial, done));
                mostAtOnce = Math.Max(mostAtOnce, running.Count);
                return done.Task;
            });

        var run = new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request);
        while (running.Count > 0)
        {
            Assert.True(running.Count <= bound, $"{running.Count} trials running with a bound of {bound}");
            var (trial, done) = running[0];
            running.RemoveAt(0);
            done.SetResult(SearchFakes.Completed(trial, 0.9 + (trial.Index / 1000.0)));
        }

        var result = await run;
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(bound, mostAtOnce);
        context.Verify(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()), Times.Exactly(10));
    }

    [Fact]
    public async Task AFailingTrial_IsRecordedAndTheRunCompletesWithTheBestOfTheOthers()
    {
        var context = SearchFakes.Context(SearchFakes.Plan(4, 2));
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var trial = ((RunTrialInput)input!).Trial;
                return trial.Index == 3
                    ? Task.FromException<TrialResult>(SearchFakes.Failure("lib_lightgbm crashed"))
                    : Task.FromResult(SearchFakes.Completed(trial, 0.9 + (trial.Index / 100.0)));
            });
        SearchRecord? recorded = null;
        context.Setup(c => c.CallActivityAsync<string>(nameof(RecordSearch), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => recorded = ((RecordSearchInput)input!).Record)
            .ReturnsAsync("bc/runs/bc-bbbbbbbbbbbbbbbb/trials.json");

        var result = await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.NotNull(recorded);
        Assert.Equal(TrialStatus.Failed, recorded.Trials[3].Status);
        Assert.Contains("lib_lightgbm crashed", recorded.Trials[3].Error, StringComparison.Ordinal);
        Assert.Equal(2, recorded.Winner);
        context.Verify(c => c.CallActivityAsync<TrainingSummary>(
            nameof(TrainModel),
            It.Is<object>(o => ((TrainModelInput)o).Search!.Winner.Index == 2 && ((TrainModelInput)o).Search!.RecordPath.EndsWith("trials.json", StringComparison.Ordinal)),
            It.IsAny<TaskOptions>()), Times.Once);
    }

    [Fact]
    public async Task EveryTrialFailing_FailsTheTrainStageWithTheFirstError()
    {
        var context = SearchFakes.Context(SearchFakes.Plan(3, 2));
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .ThrowsAsync(SearchFakes.Failure("out of memory"));

        var result = await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith("The train stage failed: No trial of the search completed", result.Reason, StringComparison.Ordinal);
        Assert.Contains("out of memory", result.Reason, StringComparison.Ordinal);
        context.Verify(c => c.CallActivityAsync<TrainingSummary>(nameof(TrainModel), It.IsAny<object>(), It.IsAny<TaskOptions>()), Times.Never);
    }

    [Fact]
    public async Task TheWallTimeBudget_StopsTheSearch_AndTheRunGoesOnWithWhatItHas()
    {
        // Each trial takes a minute of orchestration time; the budget is two and a half minutes.
        var now = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
        var context = SearchFakes.Context(SearchFakes.Plan(10, 1, maxSeconds: 150), () => now);
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                now = now.AddMinutes(1);
                return Task.FromResult(SearchFakes.Completed(((RunTrialInput)input!).Trial, 0.95));
            });

        var result = await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request);

        Assert.Equal(RunStatus.Completed, result.Status);
        context.Verify(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()), Times.Exactly(3));
    }

    [Fact]
    public async Task TheTrialBudget_StopsTheSearch()
    {
        var plan = SearchFakes.Plan(10, 3) with { Rungs = [new SearchRung(5, 1)] };
        var context = SearchFakes.Context(plan);
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) => Task.FromResult(SearchFakes.Completed(((RunTrialInput)input!).Trial, 0.9)));

        var result = await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request);

        Assert.Equal(RunStatus.Completed, result.Status);
        context.Verify(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()), Times.Exactly(5));
    }

    [Fact]
    public async Task TheRunStatus_ShowsTrialsDoneOfPlannedAndTheBestSoFar()
    {
        var context = SearchFakes.Context(SearchFakes.Plan(3, 2));
        var statuses = new List<RunProgress>();
        context.Setup(c => c.SetCustomStatus(It.IsAny<object>())).Callback<object?>(s => statuses.Add((RunProgress)s!));
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var trial = ((RunTrialInput)input!).Trial;
                return Task.FromResult(SearchFakes.Completed(trial, trial.Index == 1 ? 0.97 : 0.93));
            });

        await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request);

        var searching = statuses.Where(s => s.Search is not null).ToList();
        Assert.Equal([0, 1, 2, 3], searching.Select(s => s.Search!.TrialsDone).Distinct());
        Assert.All(searching, s => Assert.Equal(3, s.Search!.TrialsPlanned));
        var midway = searching.First(s => s.Search!.TrialsDone == 2);
        Assert.Equal(1, midway.Search!.BestTrial);
        Assert.Equal(0.97, midway.Search.BestValue);
        Assert.Equal("FastTreeBinary", midway.Search.BestTrainer);
        Assert.Contains("2 of 3 trials done", midway.Stages.Single(s => s.Name == "train").Detail, StringComparison.Ordinal);
        var last = statuses[^1];
        Assert.Equal(["validate", "train", "evaluate", "register", "promote"], last.Stages.Select(s => s.Name));
        Assert.All(last.Stages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Contains("trial 1 of 3", last.Stages.Single(s => s.Name == "train").Detail, StringComparison.Ordinal);
    }
}
