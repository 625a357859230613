using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mlops.Storage.Tests;

public class StorageOptionsTests
{
    [Fact]
    public async Task StartAsync_NothingConfigured_FailsNamingTheSettings()
    {
        using var host = StorageHosts.Build(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("blobServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnknownCredential_Fails()
    {
        using var host = StorageHosts.Build(IdentitySettings(credential: "clientsecret"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("managedidentity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clients_ConnectionStringSetting_UsesItsEndpoints()
    {
        using var host = StorageHosts.Build(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var clients = host.Services.GetRequiredService<StorageClients>();

        Assert.Equal(10000, clients.BlobService.Uri.Port);
        Assert.Equal(10001, clients.QueueService.Uri.Port);
        Assert.Equal(10002, clients.TableService.Uri.Port);
        Assert.Null(clients.Credential);
    }

    [Fact]
    public void Clients_IdentityBasedSettings_UseServiceUrisAndManagedIdentity()
    {
        using var host = StorageHosts.Build(IdentitySettings(credential: "managedidentity"));

        var clients = host.Services.GetRequiredService<StorageClients>();

        Assert.Equal("https://acct.blob.core.windows.net/", clients.BlobService.Uri.ToString());
        Assert.Equal("https://acct.queue.core.windows.net/", clients.QueueService.Uri.ToString());
        Assert.Equal("https://acct.table.core.windows.net/", clients.TableService.Uri.ToString());
        Assert.IsType<ManagedIdentityCredential>(clients.Credential);
    }

    [Fact]
    public void Clients_IdentityBasedWithoutCredential_UsesDefaultAzureCredential()
    {
        using var host = StorageHosts.Build(IdentitySettings(credential: null));

        Assert.IsType<DefaultAzureCredential>(host.Services.GetRequiredService<StorageClients>().Credential);
    }

    [Fact]
    public void Options_IdentityBasedSettings_AreValid()
    {
        using var host = StorageHosts.Build(IdentitySettings(credential: "managedidentity"));

        var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.False(options.UsesConnectionString);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ClientId);
    }

    private static Dictionary<string, string?> IdentitySettings(string? credential) => new()
    {
        ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
        ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
        ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
        ["AzureWebJobsStorage:credential"] = credential,
        ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
    };
}
