using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlops.Storage;
using Mlops.Testing;

namespace Mlops.Functions.Tests.Webhooks;

/// <summary>
/// The app's services (AddMlopsFunctions, so the dispatcher runs as a hosted service) over this process's Azurite, with
/// webhook timings in milliseconds, and a real receiver on 127.0.0.1.
/// </summary>
public sealed class WebhookHostFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key";
    public const int AttemptTimeoutMilliseconds = 1500;

    private IHost? host;

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("The fixture has not started.");

    public WebhookReceiver Receiver { get; private set; } = null!;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.Section] = await AzuriteInstance.ConnectionStringAsync(),
            ["Webhooks:SigningKey"] = SigningKey,
            ["Webhooks:TimeoutMilliseconds"] = AttemptTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:MaxRetries"] = "1",
            ["Webhooks:RetryDelayMilliseconds"] = "10",
            ["Webhooks:BackoffMilliseconds"] = "50",
            ["Webhooks:MaxBackoffMilliseconds"] = "200",
            ["Webhooks:LeaseSeconds"] = "5",
        });
        builder.Services.AddLogging();
        builder.Services.AddMlopsFunctions(builder.Configuration);
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await Receiver.DisposeAsync();
    }
}
