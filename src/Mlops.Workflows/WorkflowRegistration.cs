using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Workflows.Activities;

namespace Mlops.Workflows;

/// <summary>One list of the pipeline's tasks, used by every host that runs them.</summary>
public static class WorkflowRegistration
{
    /// <summary>Registers the orchestrator and activities with a Durable Task worker (DevHost, tests).</summary>
    public static DurableTaskRegistry AddMlopsWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<TrainingPipeline>()
            .AddActivity<ValidateDataset>()
            .AddActivity<QuarantineDataset>()
            .AddActivity<PlanSearch>()
            .AddActivity<RunTrial>()
            .AddActivity<RecordSearch>()
            .AddActivity<TrainModel>()
            .AddActivity<EvaluateModel>()
            .AddActivity<RegisterModel>()
            .AddActivity<PromoteModel>();
    }

    /// <summary>Registers the activity classes and the launcher in DI, for hosts that call them directly (Functions).</summary>
    public static IServiceCollection AddMlopsWorkflowServices(this IServiceCollection services)
    {
        services.AddTransient<ValidateDataset>();
        services.AddTransient<QuarantineDataset>();
        services.AddTransient<PlanSearch>();
        services.AddTransient<RunTrial>();
        services.AddTransient<RecordSearch>();
        services.AddTransient<TrainModel>();
        services.AddTransient<EvaluateModel>();
        services.AddTransient<RegisterModel>();
        services.AddTransient<PromoteModel>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunRestarter>();
        services.AddSingleton<RunWatchdog>();
        services.AddSingleton<RunCheckpoints>();
        services.AddSingleton<RunHeartbeat>();
        return services;
    }
}
