using System.Diagnostics.Metrics;
using Microsoft.DurableTask;
using Mlops.Core.Datasets;
using Mlops.Core.Telemetry;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Moq;

namespace Mlops.Workflows.Tests;

/// <summary>The orchestrator's decisions, with the Durable context mocked so each branch is driven directly.</summary>
public sealed class TrainingPipelineBranchTests
{
    private static readonly RunRequest Request = new(new DatasetRef("iris", "iris/a.csv", new string('a', 64), "\"etag\""));

    [Fact]
    public async Task RunAsync_WhenValidationFails_QuarantinesAndStopsBeforeTraining()
    {
        var failed = new ValidationReport([new ValidationFinding(Severity.Error, "ragged-row", null, "Line 3 has 2 fields; the header has 3.")], null, 10, 3);
        var context = MockContext();
        context.Setup(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), Request, It.IsAny<TaskOptions>())).ReturnsAsync(failed);
        context.Setup(c => c.CallActivityAsync<bool>(nameof(QuarantineDataset), It.IsAny<object>(), It.IsAny<TaskOptions>())).ReturnsAsync(true);

        var result = await new TrainingPipeline().RunAsync(context.Object, Request);

        Assert.Equal(RunStatus.Quarantined, result.Status);
        Assert.Null(result.Version);
        Assert.Contains("Line 3 has 2 fields", result.Reason, StringComparison.Ordinal);
        context.Verify(c => c.CallActivityAsync<bool>(
            nameof(QuarantineDataset),
            It.Is<object>(o => o is QuarantineInput && ((QuarantineInput)o).Report == failed),
            It.IsAny<TaskOptions>()), Times.Once);
        context.Verify(c => c.CallActivityAsync<TrainingSummary>(nameof(TrainModel), It.IsAny<object>(), It.IsAny<TaskOptions>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_WhenValidationFails_PublishesTheQuarantineStageAndSkipsTheRest()
    {
        var failed = new ValidationReport([new ValidationFinding(Severity.Error, "empty-file", null, "The file is empty.")], null, 0, 0);
        var context = MockContext();
        RunProgress? last = null;
        context.Setup(c => c.SetCustomStatus(It.IsAny<object>())).Callback<object?>(s => last = (RunProgress?)s);
        context.Setup(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), Request, It.IsAny<TaskOptions>())).ReturnsAsync(failed);
        context.Setup(c => c.CallActivityAsync<bool>(nameof(QuarantineDataset), It.IsAny<object>(), It.IsAny<TaskOptions>())).ReturnsAsync(true);

        await new TrainingPipeline().RunAsync(context.Object, Request);

        Assert.NotNull(last);
        Assert.Equal(
            ["validate:Completed", "quarantine:Completed", "train:Skipped", "evaluate:Skipped", "register:Skipped", "promote:Skipped"],
            last.Stages.Select(s => $"{s.Name}:{s.Status}"));
    }

    [Fact]
    public async Task RunAsync_WhenAnActivityFails_EndsFailedNamingTheStage()
    {
        var passed = new ValidationReport([], new DatasetSchema([new ColumnSchema("x", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["0", "1"]), 50, 2);
        var context = MockContext();
        context.Setup(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), Request, It.IsAny<TaskOptions>())).ReturnsAsync(passed);
        context.Setup(c => c.CallActivityAsync<SearchPlan>(nameof(PlanSearch), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .ThrowsAsync(new TaskFailedException(nameof(PlanSearch), 1, new TaskFailureDetails("InvalidOperationException", "out of disk", null, null, null)));

        var result = await new TrainingPipeline().RunAsync(context.Object, Request);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("The train stage failed: out of disk", result.Reason);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task RunAsync_CountsTheRunsOutcomeOnce_OnItsLiveExecutionOnly(bool replaying, int counted)
    {
        // A model of its own, so runs of the other tests in this assembly do not reach this listener's total.
        var model = "runs-metric-" + (replaying ? "replay" : "live");
        var request = new RunRequest(new DatasetRef(model, $"{model}/a.csv", new string('a', 64), "\"etag\"")) { Trigger = new RunTrigger(RunTriggerKinds.Drift, "window w1") };
        var failed = new ValidationReport([new ValidationFinding(Severity.Error, "empty-file", null, "The file is empty.")], null, 0, 0);
        var context = MockContext();
        context.SetupGet(c => c.IsReplaying).Returns(replaying);
        context.Setup(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), request, It.IsAny<TaskOptions>())).ReturnsAsync(failed);
        context.Setup(c => c.CallActivityAsync<bool>(nameof(QuarantineDataset), It.IsAny<object>(), It.IsAny<TaskOptions>())).ReturnsAsync(true);
        var seen = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlopsTelemetry.Name && instrument.Name == "mlops.runs")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                all[tag.Key] = tag.Value;
            }

            if (Equals(all.GetValueOrDefault("model"), model))
            {
                lock (seen)
                {
                    seen.Add((value, all));
                }
            }
        });
        listener.Start();

        await new TrainingPipeline().RunAsync(context.Object, request);

        Assert.Equal(counted, seen.Sum(s => s.Value));
        Assert.All(seen, s =>
        {
            Assert.Equal("quarantined", s.Tags["outcome"]);
            Assert.Equal(RunTriggerKinds.Drift, s.Tags["trigger"]);
        });
    }

    private static Mock<TaskOrchestrationContext> MockContext()
    {
        // DefaultValue.Mock gives the replay-safe logger a do-nothing factory without reaching into protected members.
        var context = new Mock<TaskOrchestrationContext> { DefaultValue = DefaultValue.Mock };
        context.SetupGet(c => c.InstanceId).Returns("iris-aaaaaaaaaaaaaaaa");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc));
        context.SetupGet(c => c.IsReplaying).Returns(false);
        return context;
    }
}
