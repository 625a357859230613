using Microsoft.DurableTask;
using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Moq;

namespace Mlops.Workflows.Tests;

/// <summary>A mocked orchestration context whose activities answer as a passing run's would, trials left to each test.</summary>
internal static class SearchFakes
{
    public static readonly RunRequest Request = new(new DatasetRef("bc", "bc/a.csv", new string('b', 64), "\"etag\""));

    public static readonly DatasetSchema Schema = new([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"]);

    public static SearchPlan Plan(int trials, int concurrency, int maxSeconds = 3_600) => new(
        SearchStrategy.Random,
        new TrialSettings(42, 0.2, 5, 5, "auc", false, 100),
        [new SearchRung(trials, 1)],
        [.. Enumerable.Range(0, trials).Select(i => new TrialConfiguration("FastTreeBinary", new Dictionary<string, double> { ["numberOfTrees"] = 10 + i }))],
        concurrency,
        maxSeconds,
        455,
        [],
        MlTask.BinaryClassification);

    public static TrialResult Completed(TrialRequest request, double auc) =>
        new(request.Index, request.Rung, request.Configuration, request.Budget, TrialStatus.Completed, new Dictionary<string, double> { ["auc"] = auc }, 5, 100, 0.5, null);

    public static TaskFailedException Failure(string message) =>
        new(nameof(RunTrial), 7, new TaskFailureDetails("InvalidOperationException", message, null, null, null));

    /// <summary>A context for a run that validates, plans <paramref name="plan"/> and, after the search, trains, evaluates, registers and promotes.</summary>
    public static Mock<TaskOrchestrationContext> Context(SearchPlan plan, Func<DateTime>? clock = null)
    {
        // DefaultValue.Mock gives the replay-safe logger a do-nothing factory without reaching into protected members.
        var context = new Mock<TaskOrchestrationContext> { DefaultValue = DefaultValue.Mock };
        context.SetupGet(c => c.InstanceId).Returns("bc-bbbbbbbbbbbbbbbb");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => clock?.Invoke() ?? new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc));
        context.SetupGet(c => c.IsReplaying).Returns(false);
        context.Setup(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), Request, It.IsAny<TaskOptions>()))
            .ReturnsAsync(new ValidationReport([], Schema, 569, 31));
        context.Setup(c => c.CallActivityAsync<SearchPlan>(nameof(PlanSearch), It.IsAny<object>(), It.IsAny<TaskOptions>())).ReturnsAsync(plan);
        context.Setup(c => c.CallActivityAsync<string>(nameof(RecordSearch), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .ReturnsAsync("bc/runs/bc-bbbbbbbbbbbbbbbb/trials.json");
        context.Setup(c => c.CallActivityAsync<TrainingSummary>(nameof(TrainModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) => Task.FromResult(Summary((TrainModelInput)input!)));
        context.Setup(c => c.CallActivityAsync<EvaluationSummary>(nameof(EvaluateModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .ReturnsAsync(new EvaluationSummary(new Dictionary<string, double> { ["auc"] = 0.99 }, null, null, true, "No champion yet."));
        context.Setup(c => c.CallActivityAsync<int>(nameof(RegisterModel), It.IsAny<object>(), It.IsAny<TaskOptions>())).ReturnsAsync(1);
        context.Setup(c => c.CallActivityAsync<PromotionOutcome>(nameof(PromoteModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .ReturnsAsync(new PromotionOutcome(true, "No champion yet."));
        return context;
    }

    private static TrainingSummary Summary(TrainModelInput input) => new(
        input.Search!.Winner.Configuration.Trainer,
        new Dictionary<string, string> { ["selectedTrial"] = input.Search.Winner.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new Dictionary<string, double> { ["auc"] = 0.99 },
        364,
        114,
        "bc/runs/bc-bbbbbbbbbbbbbbbb/model.zip",
        new string('c', 64));
}
