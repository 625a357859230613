using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Evaluation;
using Mlops.Core.Experiments;
using Mlops.Core.Feedback;
using Mlops.Core.Ingestion;
using Mlops.Core.Monitoring;
using Mlops.Core.Retention;
using Mlops.Core.Runs;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Core.Validation;

namespace Mlops.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The domain services and their options, validated when the host starts.</summary>
    public static IServiceCollection AddMlopsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ValidationOptions>().Bind(configuration.GetSection(ValidationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrainingOptions>().Bind(configuration.GetSection(TrainingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServingOptions>().Bind(configuration.GetSection(ServingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecoveryOptions>().Bind(configuration.GetSection(RecoveryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DatasetLoader>();
        services.AddSingleton<ColumnarCopies>();
        services.AddSingleton<DatasetValidator>();
        services.AddSingleton<SearchPlanner>();
        services.AddSingleton<WarmStartSource>();
        services.AddSingleton<TrialRunner>();
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<ModelEvaluator>();
        services.AddSingleton<Export.OnnxExporter>();
        services.AddSingleton<VersionComparer>();
        services.AddSingleton<ServedModels>();
        services.AddSingleton<PredictionService>();
        services.AddSingleton<ExperimentRouter>();
        services.AddSingleton<ShadowScorer>();
        services.AddSingleton<MonitoringPass>();
        services.AddSingleton<WindowFinisher>();
        services.AddSingleton<RetrainingSetBuilder>();
        services.AddSingleton<FeedbackService>();
        services.AddSingleton<IPredictionsWritten>(sp => sp.GetRequiredService<FeedbackService>());
        services.AddSingleton<StallDetector>();
        services.AddSingleton<IRetentionPins, ExperimentRetentionPins>();
        services.AddSingleton<RetentionPass>();
        return services;
    }
}
