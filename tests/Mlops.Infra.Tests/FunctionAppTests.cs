using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;
using Mlops.Infra.Tests.Repository;

namespace Mlops.Infra.Tests;

/// <summary>The function app runs on Flex Consumption, on the .NET version the app targets, as its managed identity.</summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class FunctionAppTests(CompiledInfrastructure infrastructure)
{
    private TemplateResource Site => infrastructure.Template.The("Microsoft.Web/sites");

    [Fact]
    public void Plan_IsFlexConsumption()
    {
        var plan = infrastructure.Template.The("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.Evaluate("sku", "name"));
        Assert.Equal("FlexConsumption", plan.Evaluate("sku", "tier"));
        Assert.Equal(true, plan.Evaluate("properties", "reserved"));
        Assert.Contains("'Microsoft.Web/serverfarms'", Site.Raw("properties", "serverFarmId"), StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_IsDotnetIsolated_OnTheVersionTheAppTargets()
    {
        Assert.Equal("functionapp,linux", Site.Evaluate("kind"));
        Assert.Equal("dotnet-isolated", Site.Evaluate("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal(FunctionsProject.DotnetVersion, Site.Evaluate("properties", "functionAppConfig", "runtime", "version"));
    }

    [Fact]
    public void Scale_IsSetByParameters_AndScalesToZeroByDefault()
    {
        Assert.Equal("main: [parameters('maximumInstanceCount')]", Origin(Site.Raw("properties", "functionAppConfig", "scaleAndConcurrency", "maximumInstanceCount")));
        Assert.Equal("main: [parameters('instanceMemoryMB')]", Origin(Site.Raw("properties", "functionAppConfig", "scaleAndConcurrency", "instanceMemoryMB")));
        Assert.Contains("parameters('alwaysReadyHttpInstances')", Site.Raw("properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady"), StringComparison.Ordinal);
        Assert.Equal("main: [parameters('alwaysReadyHttpInstances')]", Origin("[parameters('alwaysReadyHttpInstances')]"));
        Assert.Equal(0L, infrastructure.Template.Main.ParameterValue("alwaysReadyHttpInstances"));
        Assert.Equal(new List<object?>(), Site.Evaluate("properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady"));
    }

    [Fact]
    public void DurableGroup_AlwaysReady_IsAParameter_OffByDefault()
    {
        Assert.Contains("parameters('alwaysReadyDurableInstances')", Site.Raw("properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady"), StringComparison.Ordinal);
        Assert.Equal("main: [parameters('alwaysReadyDurableInstances')]", Origin("[parameters('alwaysReadyDurableInstances')]"));
        Assert.Equal(0L, infrastructure.Template.Main.ParameterValue("alwaysReadyDurableInstances"));
    }

    [Fact]
    public void DurableGroup_AlwaysReady_KeepsTheDurableGroupWarm_BesideTheHttpGroup()
    {
        var durableOnly = AlwaysReady(new() { ["alwaysReadyDurableInstances"] = 1L });
        var both = AlwaysReady(new() { ["alwaysReadyDurableInstances"] = 1L, ["alwaysReadyHttpInstances"] = 2L });

        var durable = Assert.Single(durableOnly);
        Assert.Equal("durable", durable["name"]);
        Assert.Equal(1L, durable["instanceCount"]);
        Assert.Equal(
            [("http", 2L), ("durable", 1L)],
            both.Select(g => ((string)g["name"]!, (long)g["instanceCount"]!)));
    }

    [Fact]
    public void DurableQueuePolling_IsAtMostTenSeconds_ByDefault_AndSetByAParameter()
    {
        // The Flex Consumption guidance for Durable Functions: a queue polling interval of 10 seconds or less
        // (Durable's default is 30). An app setting named AzureFunctionsJobHost__<host.json path> overrides host.json.
        const string Setting = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval";
        var settings = infrastructure.Template.Deployed("Microsoft.Web/sites/config")
            .Single(r => r.Raw("name").Contains("'appsettings'", StringComparison.Ordinal));

        var interval = TimeSpan.Parse(Assert.IsType<string>(settings.Evaluate("properties", Setting)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        var (origin, scope) = settings.Scope.OriginOf(settings.Raw("properties", Setting));
        Assert.Equal("main: [parameters('durableMaxQueuePollingInterval')]", $"{scope.Path}: {origin}");
        Assert.DoesNotContain("maxQueuePollingInterval", File.ReadAllText(Mlops.Testing.RepositoryPaths.Combine("host.json")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DeploymentPackage_IsReadWithTheUserAssignedIdentity()
    {
        Assert.Equal("blobContainer", Site.Evaluate("properties", "functionAppConfig", "deployment", "storage", "type"));
        Assert.Equal("UserAssignedIdentity", Site.Evaluate("properties", "functionAppConfig", "deployment", "storage", "authentication", "type"));
        var assigned = Assert.Single(Site.Get("identity", "userAssignedIdentities").EnumerateObject()).Name;
        var identity = Assert.IsType<CallNode>(ArmExpressionParser.Parse(assigned[1..^1]));
        if (identity is { Function: "format", Arguments: [LiteralNode { Value: "{0}" }, CallNode inner] })
        {
            identity = inner;
        }

        Assert.Equal($"[{identity.Source}]", Site.Raw("properties", "functionAppConfig", "deployment", "storage", "authentication", "userAssignedIdentityResourceId"));
    }

    [Fact]
    public void App_AcceptsOnlyHttps_AndNoBasicPublishingCredentials()
    {
        Assert.Equal(true, Site.Evaluate("properties", "httpsOnly"));
        Assert.Equal("1.2", Site.Evaluate("properties", "siteConfig", "minTlsVersion"));
        var policies = infrastructure.Template.Deployed("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.Equal(false, p.Evaluate("properties", "allow")));
    }

    [Fact]
    public void ApplicationInsights_AcceptsNoLocalAuthentication_AndUsesTheWorkspace()
    {
        var insights = infrastructure.Template.The("Microsoft.Insights/components");
        Assert.Equal(true, insights.Evaluate("properties", "DisableLocalAuth"));
        Assert.Contains("'Microsoft.OperationalInsights/workspaces'", insights.Raw("properties", "WorkspaceResourceId"), StringComparison.Ordinal);
        Assert.Single(infrastructure.Template.Deployed("Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void Tags_AreWhatAzdLooksFor()
    {
        var resourceGroup = infrastructure.Template.The("Microsoft.Resources/resourceGroups");
        var groupTags = Assert.IsType<Dictionary<string, object?>>(resourceGroup.Evaluate("tags"));
        Assert.Equal(new UnknownValue("parameters('environmentName')"), groupTags["azd-env-name"]);

        var appTags = Assert.IsType<Dictionary<string, object?>>(Site.Evaluate("tags"));
        Assert.Equal(AzureYaml.FunctionsServiceName(), appTags["azd-service-name"]);
        Assert.Equal(new UnknownValue("parameters('environmentName')"), appTags["azd-env-name"]);
    }

    [Fact]
    public void Outputs_AreWhatAzdAndTheHooksUse()
    {
        var outputs = infrastructure.Template.Main.Template.GetProperty("outputs").EnumerateObject().Select(o => o.Name).ToList();
        Assert.Contains("AZURE_LOCATION", outputs);
        Assert.Contains("AZURE_TENANT_ID", outputs);
        Assert.Contains("AZURE_RESOURCE_GROUP", outputs);
        Assert.Contains("AZURE_FUNCTION_APP_NAME", outputs);
        Assert.Contains($"SERVICE_{AzureYaml.FunctionsServiceName().ToUpperInvariant()}_URI", outputs);
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", outputs);
        Assert.Contains("BLOB_EVENT_SUBSCRIPTION_ENABLED", outputs);
    }

    private List<Dictionary<string, object?>> AlwaysReady(Dictionary<string, object?> parameters) =>
        Assert.IsType<List<object?>>(infrastructure.Template.WithParameters(parameters).The("Microsoft.Web/sites")
            .Evaluate("properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady"))
            .Cast<Dictionary<string, object?>>().ToList();

    private string Origin(string expression)
    {
        (expression, var scope) = Site.Scope.OriginOf(expression);
        return $"{scope.Path}: {expression}";
    }
}
