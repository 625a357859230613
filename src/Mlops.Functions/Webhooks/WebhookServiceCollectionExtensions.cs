using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Mlops.Core.Events;
using Mlops.Core.Webhooks;
using Polly;

namespace Mlops.Functions.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Webhook delivery: its options (validated at start-up), the signal the stores raise after an append, the dispatcher
    /// that answers it in the background, the sweep the timer runs, and the HTTP client with per-attempt timeout and retries.
    /// </summary>
    public static IServiceCollection AddMlopsWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IRegistryEventSignal>(sp => sp.GetRequiredService<WebhookSignal>());
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<WebhookSweep>();
        services.AddHostedService<WebhookDispatcher>();

        services.AddHttpClient<IWebhookSender, HttpWebhookSender>(client =>
            {
                // Each attempt is bounded by the pipeline; the client's own 100-second default would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A signed event goes where the spec says, not wherever a receiver redirects it.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        Delay = TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,

                        // A receiver's Retry-After could hold the cursor's lease past its end.
                        ShouldRetryAfterHeader = false,
                    })
                    .AddTimeout(TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds));
            });
        return services;
    }
}
