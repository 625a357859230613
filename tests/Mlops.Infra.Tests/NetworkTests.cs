using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;

namespace Mlops.Infra.Tests;

/// <summary>
/// The virtual network option (vnetEnabled, off by default): private endpoints for storage's blob, queue and table
/// services, the app's outbound traffic through the network, storage refusing the internet. Nothing of it exists
/// unless the option is on.
/// </summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class NetworkTests(CompiledInfrastructure infrastructure)
{
    private static readonly Dictionary<string, object?> On = new() { ["vnetEnabled"] = true };

    /// <summary>The module deployment that holds every network resource.</summary>
    private static TemplateResource NetworkModule(ArmTemplate template) => Assert.Single(
        template.Resources,
        r => r.Scope == template.Main && r.SymbolicName == "network" && r.Type == "Microsoft.Resources/deployments");

    private IReadOnlyList<TemplateResource> NetworkResources => infrastructure.Template.Resources
        .Where(r => !r.IsExisting && r.Type.StartsWith("Microsoft.Network/", StringComparison.OrdinalIgnoreCase))
        .ToList();

    [Fact]
    public void NetworkResources_ExistOnlyWhenTheOptionIsOn()
    {
        var module = NetworkModule(infrastructure.Template);

        Assert.Equal(false, infrastructure.Template.Main.ParameterValue("vnetEnabled"));
        Assert.Equal("[parameters('vnetEnabled')]", module.Raw("condition"));
        Assert.Equal(false, module.Evaluate("condition"));
        Assert.Equal(true, NetworkModule(infrastructure.Template.WithParameters(On)).Evaluate("condition"));

        // Every network resource is inside that module, so its condition covers them all.
        Assert.NotEmpty(NetworkResources);
        Assert.All(NetworkResources, r => Assert.Equal("main/network", r.Scope.Path));
        Assert.Equal(
            ["Microsoft.Network/privateDnsZones", "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "Microsoft.Network/privateEndpoints",
             "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "Microsoft.Network/virtualNetworks"],
            NetworkResources.Select(r => r.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PrivateEndpoints_ConnectTheStorageAccountsBlobQueueAndTableServices()
    {
        var endpoints = Assert.Single(NetworkResources, r => r.Type == "Microsoft.Network/privateEndpoints");
        var services = Assert.IsType<List<object?>>(endpoints.Scope.Evaluate(endpoints.Scope.Template.GetProperty("variables").GetProperty("storageServices")));

        Assert.Equal(["blob", "queue", "table"], services.Cast<string>());
        Assert.Equal("[length(variables('storageServices'))]", endpoints.Get("copy").GetProperty("count").GetString());
        var connection = Assert.Single(endpoints.Get("properties", "privateLinkServiceConnections").EnumerateArray()).GetProperty("properties");
        Assert.Equal("[variables('storageServices')[copyIndex()]]", Assert.Single(connection.GetProperty("groupIds").EnumerateArray()).GetString());

        var account = Assert.IsType<CallNode>(ArmExpressionParser.Parse(connection.GetProperty("privateLinkServiceId").GetString()![1..^1]));
        Assert.Equal("Microsoft.Storage/storageAccounts", Assert.IsType<LiteralNode>(account.Arguments[0]).Value);
        Assert.Equal(ArmTemplate.OriginOfName(infrastructure.Template.The("Microsoft.Storage/storageAccounts")), Origin(endpoints.Scope, $"[{account.Arguments[1].Source}]"));
        Assert.Contains("'private-endpoints'", endpoints.Raw("properties", "subnet", "id"), StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateDnsZones_AreTheStoragePrivateLinkZones_LinkedToTheNetwork_AndToEachEndpoint()
    {
        var zones = Assert.Single(NetworkResources, r => r.Type == "Microsoft.Network/privateDnsZones");
        var links = Assert.Single(NetworkResources, r => r.Type == "Microsoft.Network/privateDnsZones/virtualNetworkLinks");
        var groups = Assert.Single(NetworkResources, r => r.Type == "Microsoft.Network/privateEndpoints/privateDnsZoneGroups");

        Assert.Equal("[format('privatelink.{0}.{1}', variables('storageServices')[copyIndex()], environment().suffixes.storage)]", zones.Raw("name"));
        Assert.Equal(false, links.Evaluate("properties", "registrationEnabled"));
        Assert.Contains("'Microsoft.Network/virtualNetworks'", links.Raw("properties", "virtualNetwork", "id"), StringComparison.Ordinal);
        var config = Assert.Single(groups.Get("properties", "privateDnsZoneConfigs").EnumerateArray());
        Assert.Contains("'Microsoft.Network/privateDnsZones'", config.GetProperty("properties").GetProperty("privateDnsZoneId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_SendsItsOutboundTrafficThroughADelegatedSubnet_OnlyWhenTheOptionIsOn()
    {
        var site = infrastructure.Template.The("Microsoft.Web/sites");
        var vnet = Assert.Single(NetworkResources, r => r.Type == "Microsoft.Network/virtualNetworks");
        var app = Assert.IsType<Dictionary<string, object?>>(
            Assert.IsType<List<object?>>(vnet.Evaluate("properties", "subnets")).Cast<Dictionary<string, object?>>().Single(s => (string?)s["name"] == "app")["properties"]);
        var delegation = (Dictionary<string, object?>)Assert.Single(Assert.IsType<List<object?>>(app["delegations"]))!;

        Assert.Equal("Microsoft.App/environments", ((Dictionary<string, object?>)delegation["properties"]!)["serviceName"]);
        Assert.Null(site.Evaluate("properties", "virtualNetworkSubnetId"));
        Assert.Contains("parameters('virtualNetworkSubnetId')", site.Raw("properties", "virtualNetworkSubnetId"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, site.Scope.ParameterValue("virtualNetworkSubnetId"));
        var integrated = infrastructure.Template.WithParameters(On).The("Microsoft.Web/sites").Scope.ParameterValue("virtualNetworkSubnetId");
        Assert.Equal(new UnknownValue("reference('network').outputs.appSubnetId.value"), integrated);
        Assert.Equal("[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('name'), 'app')]", vnet.Scope.Template.GetProperty("outputs").GetProperty("appSubnetId").GetProperty("value").GetString());
    }

    [Fact]
    public void Storage_RefusesTheInternet_OnlyWhenTheOptionIsOn_TrustedAzureServicesExcepted()
    {
        var account = infrastructure.Template.The("Microsoft.Storage/storageAccounts");
        var restricted = infrastructure.Template.WithParameters(On).The("Microsoft.Storage/storageAccounts");

        Assert.Equal("Allow", account.Evaluate("properties", "networkAcls", "defaultAction"));
        Assert.Equal("Deny", restricted.Evaluate("properties", "networkAcls", "defaultAction"));
        // Event Grid dead-letters with its identity as a trusted service.
        Assert.Equal("AzureServices", restricted.Evaluate("properties", "networkAcls", "bypass"));
    }

    private static string Origin(TemplateScope scope, string expression)
    {
        var (origin, originScope) = scope.OriginOf(expression);
        return $"{originScope.Path}: {origin}";
    }
}
