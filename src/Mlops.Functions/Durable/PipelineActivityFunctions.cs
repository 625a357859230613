using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mlops.Core.Export;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;
using Mlops.Workflows.Experiments;

namespace Mlops.Functions.Durable;

/// <summary>One activity trigger per pipeline activity, each handing its input to the Workflows activity of the same name.</summary>
public sealed class PipelineActivityFunctions(
    ValidateDataset validate,
    QuarantineDataset quarantine,
    LoadWarmStart loadWarmStart,
    PlanSearch planSearch,
    RunTrial runTrial,
    RecordSearch recordSearch,
    TrainModel train,
    EvaluateModel evaluate,
    ExportModel export,
    RegisterModel register,
    PromoteModel promote,
    BeginExperiment beginExperiment)
{
    [Function(nameof(ValidateDataset))]
    public Task<ValidationReport> Validate([ActivityTrigger] RunRequest input, FunctionContext context) =>
        validate.RunAsync(Context(nameof(ValidateDataset), context), input);

    [Function(nameof(QuarantineDataset))]
    public Task<bool> Quarantine([ActivityTrigger] QuarantineInput input, FunctionContext context) =>
        quarantine.RunAsync(Context(nameof(QuarantineDataset), context), input);

    [Function(nameof(LoadWarmStart))]
    public Task<WarmStart?> WarmStart([ActivityTrigger] LoadWarmStartInput input, FunctionContext context) =>
        loadWarmStart.RunAsync(Context(nameof(LoadWarmStart), context), input);

    [Function(nameof(PlanSearch))]
    public Task<SearchPlan> Plan([ActivityTrigger] PlanSearchInput input, FunctionContext context) =>
        planSearch.RunAsync(Context(nameof(PlanSearch), context), input);

    [Function(nameof(RunTrial))]
    public Task<TrialResult> Trial([ActivityTrigger] RunTrialInput input, FunctionContext context) =>
        runTrial.RunAsync(Context(nameof(RunTrial), context), input);

    [Function(nameof(RecordSearch))]
    public Task<string> Record([ActivityTrigger] RecordSearchInput input, FunctionContext context) =>
        recordSearch.RunAsync(Context(nameof(RecordSearch), context), input);

    [Function(nameof(TrainModel))]
    public Task<TrainingSummary> Train([ActivityTrigger] TrainModelInput input, FunctionContext context) =>
        train.RunAsync(Context(nameof(TrainModel), context), input);

    [Function(nameof(EvaluateModel))]
    public Task<EvaluationSummary> Evaluate([ActivityTrigger] EvaluateModelInput input, FunctionContext context) =>
        evaluate.RunAsync(Context(nameof(EvaluateModel), context), input);

    [Function(nameof(ExportModel))]
    public Task<OnnxExport> Export([ActivityTrigger] ExportModelInput input, FunctionContext context) =>
        export.RunAsync(Context(nameof(ExportModel), context), input);

    [Function(nameof(RegisterModel))]
    public Task<int> Register([ActivityTrigger] RegisterModelInput input, FunctionContext context) =>
        register.RunAsync(Context(nameof(RegisterModel), context), input);

    [Function(nameof(PromoteModel))]
    public Task<PromotionOutcome> Promote([ActivityTrigger] PromoteModelInput input, FunctionContext context) =>
        promote.RunAsync(Context(nameof(PromoteModel), context), input);

    /// <summary>The one activity that starts an orchestration: it takes the client this trigger is handed.</summary>
    [Function(nameof(BeginExperiment))]
    public Task<PromotionOutcome> Begin([ActivityTrigger] BeginExperimentInput input, [DurableClient] DurableTaskClient client) =>
        beginExperiment.StartAsync(client, input);

    private static FunctionActivityContext Context(string name, FunctionContext context) => FunctionActivityContext.From(name, context);
}
