using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core;
using Mlops.Functions.Dashboard;
using Mlops.Functions.Http;
using Mlops.Functions.Webhooks;
using Mlops.Storage;
using Mlops.Workflows;

namespace Mlops.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Everything the function classes need; the Functions host and the DevHost both call this.</summary>
    public static IServiceCollection AddMlopsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMlopsCore(configuration);
        services.AddMlopsStorage(configuration);
        services.AddMlopsWorkflowServices();
        services.AddSingleton<RunFindings>();
        services.AddMlopsWebhooks(configuration);
        services.AddMlopsJsonAnswers();
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
        services.AddSingleton(_ => new DashboardFiles());
        return services;
    }
}
