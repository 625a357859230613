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
    public void Blobs_AreVersioned_SoftDeleted_AndInTheChangeFeed()
    {
        var blobs = infrastructure.Template.The("Microsoft.Storage/storageAccounts/blobServices");

        Assert.Equal(true, blobs.Evaluate("properties", "isVersioningEnabled"));
        Assert.Equal(true, blobs.Evaluate("properties", "changeFeed", "enabled"));
        Assert.Equal(90L, Convert.ToInt64(blobs.Evaluate("properties", "changeFeed", "retentionInDays"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(true, blobs.Evaluate("properties", "deleteRetentionPolicy", "enabled"));
        Assert.Equal(14L, Convert.ToInt64(blobs.Evaluate("properties", "deleteRetentionPolicy", "days"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(true, blobs.Evaluate("properties", "containerDeleteRetentionPolicy", "enabled"));
    }

    [Fact]
    public void Lifecycle_ExpiresQuarantineLoggedPredictionsTypedCopiesAndPreviousVersions_NeverCurrentDatasetsOrModels()
    {
        var policy = infrastructure.Template.The("Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = Assert.IsType<List<object?>>(policy.Evaluate("properties", "policy", "rules")).Cast<Dictionary<string, object?>>().ToList();

        var quarantine = Assert.Single(rules, r => (string?)r["name"] == "quarantine-expiry");
        var filters = (Dictionary<string, object?>)((Dictionary<string, object?>)quarantine["definition"]!)["filters"]!;
        Assert.Equal(["quarantine/"], Assert.IsType<List<object?>>(filters["prefixMatch"]).Cast<string>());
        var predictions = Assert.Single(rules, r => (string?)r["name"] == "prediction-log-expiry");
        var predictionFilters = (Dictionary<string, object?>)((Dictionary<string, object?>)predictions["definition"]!)["filters"]!;
        Assert.Equal(["predictions/"], Assert.IsType<List<object?>>(predictionFilters["prefixMatch"]).Cast<string>());
        var predictionDelete = (Dictionary<string, object?>)((Dictionary<string, object?>)((Dictionary<string, object?>)((Dictionary<string, object?>)predictions["definition"]!)["actions"]!)["baseBlob"]!)["delete"]!;
        Assert.Equal(90L, Convert.ToInt64(predictionDelete["daysAfterModificationGreaterThan"], System.Globalization.CultureInfo.InvariantCulture));
        var columnar = Assert.Single(rules, r => (string?)r["name"] == "columnar-copy-expiry");
        var columnarFilters = (Dictionary<string, object?>)((Dictionary<string, object?>)columnar["definition"]!)["filters"]!;
        Assert.Equal(["columnar/"], Assert.IsType<List<object?>>(columnarFilters["prefixMatch"]).Cast<string>());
        var columnarDelete = (Dictionary<string, object?>)((Dictionary<string, object?>)((Dictionary<string, object?>)((Dictionary<string, object?>)columnar["definition"]!)["actions"]!)["baseBlob"]!)["delete"]!;
        Assert.Equal(30L, Convert.ToInt64(columnarDelete["daysAfterModificationGreaterThan"], System.Globalization.CultureInfo.InvariantCulture));
        var versions = Assert.Single(rules, r => (string?)r["name"] == "previous-versions-expiry");
        var actions = (Dictionary<string, object?>)((Dictionary<string, object?>)versions["definition"]!)["actions"]!;
        Assert.True(actions.ContainsKey("version"));
        Assert.False(actions.ContainsKey("baseBlob"), "Current datasets and models are never expired by a rule; retention deletes versions.");
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
        Assert.Contains("predictions", names);
        Assert.Contains("columnar", names);

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
