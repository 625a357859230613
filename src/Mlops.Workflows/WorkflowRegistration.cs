using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Experiments;
using Mlops.Workflows.Scoring;

namespace Mlops.Workflows;

/// <summary>
/// The one list of the Durable tasks: the DevHost's worker registers it, the Functions app declares one wrapper per
/// entry (a test fails when the two disagree), and DI creates the activity classes from it.
/// </summary>
public static class WorkflowRegistration
{
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(TrainingPipeline), typeof(ExperimentMonitor), typeof(BatchScoring)];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ValidateDataset),
        typeof(QuarantineDataset),
        typeof(LoadWarmStart),
        typeof(PlanSearch),
        typeof(RunTrial),
        typeof(RecordSearch),
        typeof(TrainModel),
        typeof(EvaluateModel),
        typeof(ExportModel),
        typeof(RegisterModel),
        typeof(PromoteModel),
        typeof(LookAtExperiment),
        typeof(BeginExperiment),
        typeof(PlanScoring),
        typeof(ScoreChunk),
        typeof(PublishScoring),
    ];

    /// <summary>Registers the orchestrators and activities with a Durable Task worker (DevHost, tests), each under its class name.</summary>
    public static DurableTaskRegistry AddMlopsWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }

        return registry;
    }

    /// <summary>Registers the activity classes and the run services in DI, for hosts that call them directly (Functions).</summary>
    public static IServiceCollection AddMlopsWorkflowServices(this IServiceCollection services)
    {
        foreach (var activity in Activities)
        {
            services.AddTransient(activity);
        }

        services.AddSingleton<TrainingDatasets>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunRestarter>();
        services.AddSingleton<RunWatchdog>();
        services.AddSingleton<RunCheckpoints>();
        services.AddSingleton<RunHeartbeat>();
        services.AddSingleton<ExperimentChanges>();
        services.AddSingleton<ExperimentStarter>();
        services.AddSingleton<ScoringLauncher>();
        return services;
    }
}
