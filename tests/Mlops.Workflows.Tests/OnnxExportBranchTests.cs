using Microsoft.DurableTask;
using Mlops.Core.Export;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Moq;

namespace Mlops.Workflows.Tests;

/// <summary>The register stage's ONNX export under each pipeline version, with the activities mocked.</summary>
public sealed class OnnxExportBranchTests
{
    [Fact]
    public async Task AnExportThatFailsOutright_RegistersTheVersionAllTheSame_WithTheReason()
    {
        var context = SearchFakes.Context(SearchFakes.Plan(2, 1));
        CompleteTrials(context);
        context.Setup(c => c.CallActivityAsync<OnnxExport>(nameof(ExportModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .ThrowsAsync(new TaskFailedException(nameof(ExportModel), 9, new TaskFailureDetails("IOException", "disk full", null, null, null)));
        RegisterModelInput? registered = null;
        context.Setup(c => c.CallActivityAsync<int>(nameof(RegisterModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => registered = (RegisterModelInput)input!)
            .ReturnsAsync(1);
        RunProgress? progress = null;
        context.Setup(c => c.SetCustomStatus(It.IsAny<object>())).Callback<object?>(s => progress = (RunProgress?)s);

        var result = await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request with { PipelineVersion = PipelineVersions.Portable });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1, result.Version);
        Assert.Equal(OnnxStatuses.Unavailable, registered?.Onnx?.Status);
        Assert.Equal("The ONNX export failed: disk full", registered!.Onnx!.Reason);
        Assert.Equal("Registered as version 1. No ONNX export: The ONNX export failed: disk full", progress!.Stages.Single(s => s.Name == "register").Detail);
    }

    [Fact]
    public async Task AnAvailableExport_IsHandedToRegistration_AndTheStageSaysSo()
    {
        var context = SearchFakes.Context(SearchFakes.Plan(2, 1));
        CompleteTrials(context);
        ExportModelInput? exported = null;
        context.Setup(c => c.CallActivityAsync<OnnxExport>(nameof(ExportModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => exported = (ExportModelInput)input!)
            .ReturnsAsync(new OnnxExport(OnnxStatuses.Available, null) { Sha256 = new string('d', 64) });
        RegisterModelInput? registered = null;
        context.Setup(c => c.CallActivityAsync<int>(nameof(RegisterModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => registered = (RegisterModelInput)input!)
            .ReturnsAsync(1);
        RunProgress? progress = null;
        context.Setup(c => c.SetCustomStatus(It.IsAny<object>())).Callback<object?>(s => progress = (RunProgress?)s);

        await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request with { PipelineVersion = PipelineVersions.Current });

        Assert.Equal("bc/runs/bc-bbbbbbbbbbbbbbbb/model.zip", exported?.CandidatePath);
        Assert.True(registered?.Onnx?.IsAvailable);
        Assert.Equal("Registered as version 1. Exported to ONNX and checked against ML.NET on the holdout.", progress!.Stages.Single(s => s.Name == "register").Detail);
    }

    [Fact]
    public async Task ARunStartedBeforeExports_ReplaysWithoutTheActivity()
    {
        var context = SearchFakes.Context(SearchFakes.Plan(2, 1));
        CompleteTrials(context);
        RegisterModelInput? registered = null;
        context.Setup(c => c.CallActivityAsync<int>(nameof(RegisterModel), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => registered = (RegisterModelInput)input!)
            .ReturnsAsync(1);

        await new TrainingPipeline().RunAsync(context.Object, SearchFakes.Request with { PipelineVersion = PipelineVersions.WarmStarts });

        context.Verify(c => c.CallActivityAsync<OnnxExport>(nameof(ExportModel), It.IsAny<object>(), It.IsAny<TaskOptions>()), Times.Never);
        Assert.NotNull(registered);
        Assert.Null(registered.Onnx);
    }

    private static void CompleteTrials(Mock<TaskOrchestrationContext> context)
    {
        // The fakes answer validation for their own request; these tests send it under other pipeline versions.
        context.Setup(c => c.CallActivityAsync<ValidationReport>(nameof(ValidateDataset), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .ReturnsAsync(new ValidationReport([], SearchFakes.Schema, 569, 31));
        context.Setup(c => c.CallActivityAsync<WarmStart?>(nameof(LoadWarmStart), It.IsAny<object>(), It.IsAny<TaskOptions>())).ReturnsAsync((WarmStart?)null);
        context.Setup(c => c.CallActivityAsync<TrialResult>(nameof(RunTrial), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Returns((TaskName _, object? input, TaskOptions? _) => Task.FromResult(SearchFakes.Completed(((RunTrialInput)input!).Trial, 0.95)));
    }
}
