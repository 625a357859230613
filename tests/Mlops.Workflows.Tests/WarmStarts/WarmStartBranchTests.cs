using Microsoft.DurableTask;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Moq;

namespace Mlops.Workflows.Tests.WarmStarts;

/// <summary>Where the orchestrator asks for a warm start: before planning, from pipeline version 4 only.</summary>
public sealed class WarmStartBranchTests
{
    private static readonly TrialConfiguration Champion = new("FastTreeBinary", new Dictionary<string, double> { ["numberOfTrees"] = 10 });
    private static readonly WarmStart Loaded = new(3, Champion, [new TrialConfiguration("FastTreeBinary", new Dictionary<string, double> { ["numberOfTrees"] = 11 })]);

    [Fact]
    public async Task CurrentVersion_PlansWithTheLoadedWarmStart_AndTheTrainStageSaysSo()
    {
        var request = SearchFakes.Request with { PipelineVersion = PipelineVersions.Current };
        var context = Context(request, SearchFakes.Plan(2, 1) with { WarmStart = Loaded });
        PlanSearchInput? planned = null;
        context.Setup(c => c.CallActivityAsync<SearchPlan>(nameof(PlanSearch), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => planned = (PlanSearchInput)input!)
            .ReturnsAsync(SearchFakes.Plan(2, 1) with { WarmStart = Loaded });
        RunProgress? last = null;
        context.Setup(c => c.SetCustomStatus(It.IsAny<object>())).Callback<object?>(s => last = (RunProgress?)s);

        var result = await new TrainingPipeline().RunAsync(context.Object, request);

        Assert.Equal(RunStatus.Completed, result.Status);
        context.Verify(c => c.CallActivityAsync<WarmStart?>(nameof(LoadWarmStart), new LoadWarmStartInput("bc-bbbbbbbbbbbbbbbb", "bc"), It.IsAny<TaskOptions>()), Times.Once);
        Assert.Same(Loaded, planned?.WarmStart);
        Assert.EndsWith("The search was warm-started from v3's configuration and 1 of its search's best trials.", last!.Stages.Single(s => s.Name == "train").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStartedBeforeWarmStarts_ReplaysWithoutTheActivity_AndPlansCold()
    {
        // Version 3's history has the plan right after validation: asking for a warm start there would not replay.
        var request = SearchFakes.Request with { PipelineVersion = PipelineVersions.Experiments };
        var context = Context(request, SearchFakes.Plan(2, 1));
        PlanSearchInput? planned = null;
        context.Setup(c => c.CallActivityAsync<SearchPlan>(nameof(PlanSearch), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => planned = (PlanSearchInput)input!)
            .ReturnsAsync(SearchFakes.Plan(2, 1));

        var result = await new TrainingPipeline().RunAsync(context.Object, request);

        Assert.Equal(RunStatus.Completed, result.Status);
        context.Verify(c => c.CallActivityAsync<WarmStart?>(nameof(LoadWarmStart), It.IsAny<object>(), It.IsAny<TaskOptions>()), Times.Never);
        Assert.NotNull(planned);
        Assert.Null(planned.WarmStart);
    }

    private static Mock<TaskOrchestrationContext> Context(RunRequest request, SearchPlan plan)
    {
        var context = SearchFakes.Context(plan);
        context.Setup(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), request, It.IsAny<TaskOptions>()))
            .ReturnsAsync(new ValidationReport([], SearchFakes.Schema, 569, 31));
        context.Setup(c => c.CallActivityAsync<WarmStart?>(nameof(LoadWarmStart), It.IsAny<object>(), It.IsAny<TaskOptions>())).ReturnsAsync(Loaded);
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) => Task.FromResult(SearchFakes.Completed(((RunTrialInput)input!).Trial, 0.9)));
        return context;
    }
}
