using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;

namespace Mlops.Infra.Tests;

/// <summary>The storage account is keyless, private and holds the containers and services the app uses.</summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class StorageTests(CompiledInfrastructure infrastructure)
{
    private TemplateResource Account => infrastructure.Template.The("Microsoft.Storage/storageAccounts");

    [Fact]
    public void StorageAccount_DisablesSharedKeys()
    {
        Assert.Equal(false, Account.Evaluate("properties", "allowSharedKeyAccess"));
        Assert.Equal(true, Account.Evaluate("properties", "defaultToOAuthAuthentication"));
    }

    [Fact]
    public void StorageAccount_AcceptsOnlyHttpsAndTls12()
    {
        Assert.Equal(true, Account.Evaluate("properties", "supportsHttpsTrafficOnly"));
        Assert.Equal("TLS1_2", Account.Evaluate("properties", "minimumTlsVersion"));
    }

    [Fact]
    public void StorageAccount_AllowsNoPublicBlobAccess()
    {
        Assert.Equal(false, Account.Evaluate("properties", "allowBlobPublicAccess"));
        Assert.All(infrastructure.Template.Deployed("Microsoft.Storage/storageAccounts/blobServices/containers"), container =>
            Assert.Equal("None", container.Evaluate("properties", "publicAccess")));
    }

    [Fact]
    public void Containers_AreTheProductsAndTheDeploymentPackages()
    {
        var containers = infrastructure.Template.Deployed("Microsoft.Storage/storageAccounts/blobServices/containers");
        var created = Assert.Single(containers);
        var names = Assert.IsType<List<object?>>(created.Scope.ParameterValue("containerNames"));

        Assert.Contains("datasets", names);
        Assert.Contains("models", names);
        Assert.Contains("quarantine", names);

        // The function app's deployment storage points at one of them.
        var site = infrastructure.Template.The("Microsoft.Web/sites");
        var package = site.Scope.ParameterValue("deploymentContainerName");
        Assert.Contains(package?.ToString(), names.Select(n => n?.ToString()));
        Assert.Equal(
            $"⟨reference('storage').primaryEndpoints.blob⟩{package}",
            site.Evaluate("properties", "functionAppConfig", "deployment", "storage", "value")?.ToString());
    }

    [Fact]
    public void StorageAccount_HasQueuesAndTables_ForDurableFunctionsAndTheRegistry()
    {
        Assert.Single(infrastructure.Template.Deployed("Microsoft.Storage/storageAccounts/queueServices"));
        Assert.Single(infrastructure.Template.Deployed("Microsoft.Storage/storageAccounts/tableServices"));
    }
}
