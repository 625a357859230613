using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mlops.Functions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Traces and metrics of the "Mlops" source and meter, with the Durable worker's orchestration and activity spans (a
    /// run's trace starts at the span that started it), exported to Azure Monitor when
    /// APPLICATIONINSIGHTS_CONNECTION_STRING is set (in Azure); otherwise to an OpenTelemetry collector when the standard
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set (locally: the Aspire dashboard, Jaeger, any OTLP receiver); else nowhere.
    /// </summary>
    public static OpenTelemetryBuilder AddMlopsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry();
        var toAzureMonitor = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        if (!toAzureMonitor && string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Spans and measurements nobody receives still cost every request its Activity and tags: none at all.
            return builder;
        }

        builder.WithTracing(tracing => tracing.AddSource(MlopsTelemetry.Name, "Microsoft.DurableTask*"))
            .WithMetrics(metrics => metrics.AddMeter(MlopsTelemetry.Name));
        if (!toAzureMonitor)
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself, as every OpenTelemetry SDK does.
            builder.UseOtlpExporter();
            return builder;
        }

        // Application Insights has local authentication off in Azure: ingestion is keyless, as the app's identity.
        var clientId = configuration["AzureWebJobsStorage:clientId"];
        var identity = string.IsNullOrWhiteSpace(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId);
        if (string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]))
        {
            builder.UseAzureMonitorExporter();
        }
        else
        {
            builder.UseAzureMonitorExporter(o => o.Credential = new ManagedIdentityCredential(identity));
        }

        return builder;
    }
}
