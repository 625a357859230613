using System.Text.Json;
using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;
using Mlops.Infra.Tests.Repository;

namespace Mlops.Infra.Tests;

/// <summary>
/// The Container Apps serving option (servingHost 'containerapps'): a managed environment on the app's workspace, the
/// Functions app as a native Functions container app with a minimum of warm replicas, the same identity and settings
/// as on Flex Consumption, images pulled from a registry with AcrPull and no admin user. With the default, none of it.
/// </summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class ContainerAppsTests(CompiledInfrastructure infrastructure)
{
    /// <summary>The resource types the option adds, and only it.</summary>
    private static readonly string[] OptionTypes =
    [
        "Microsoft.App/containerApps",
        "Microsoft.App/managedEnvironments",
        "Microsoft.ContainerRegistry/registries",
    ];

    /// <summary>AcrPull, a built-in role (the same id in every tenant).</summary>
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    private ArmTemplate OnContainerApps(Dictionary<string, object?>? more = null) => infrastructure.Template.WithParameters(
        new Dictionary<string, object?>(more ?? []) { ["servingHost"] = "containerapps" });

    private TemplateResource App(ArmTemplate? template = null) => (template ?? OnContainerApps()).The("Microsoft.App/containerApps");

    /// <summary>
    /// The container app's settings: its container's environment is map(items(settings), one entry per setting), so the
    /// settings object is the argument of items(), evaluated in the app's template.
    /// </summary>
    private static Dictionary<string, object?> Settings(TemplateResource app)
    {
        var env = Assert.IsType<CallNode>(ArmExpressionParser.Parse(EnvExpression(app)[1..^1]));
        Assert.Equal("map", env.Function);
        var items = Assert.IsType<CallNode>(env.Arguments[0]);
        Assert.Equal("items", items.Function);
        using var settings = JsonDocument.Parse(JsonSerializer.Serialize($"[{items.Arguments[0].Source}]"));
        return Assert.IsType<Dictionary<string, object?>>(app.Scope.Evaluate(settings.RootElement));
    }

    private static string EnvExpression(TemplateResource app) =>
        Assert.Single(app.Get("properties", "template", "containers").EnumerateArray()).GetProperty("env").GetString()!;

    [Fact]
    public void Default_IsFlexConsumption_AndDeploysNothingOfTheOption()
    {
        var parameter = infrastructure.Template.Main.Template.GetProperty("parameters").GetProperty("servingHost");

        Assert.Equal("flexconsumption", infrastructure.Template.Main.ParameterValue("servingHost"));
        Assert.Equal(["flexconsumption", "containerapps"], parameter.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        Assert.All(OptionTypes, type => Assert.Empty(infrastructure.Template.Deployed(type)));
        Assert.Single(infrastructure.Template.Deployed("Microsoft.Web/sites"));
        Assert.DoesNotContain(infrastructure.Template.Deployed("Microsoft.Authorization/roleAssignments"), a => RoleId(a) == AcrPull);
    }

    [Fact]
    public void ContainerApps_DeploysTheOption_AndNoFlexConsumptionPlanOrSite()
    {
        var template = OnContainerApps();

        Assert.All(OptionTypes, type => Assert.Single(template.Deployed(type)));
        Assert.Empty(template.Deployed("Microsoft.Web/sites"));
        Assert.Empty(template.Deployed("Microsoft.Web/serverfarms"));
        // What both ways share stays: the identity, storage, telemetry.
        Assert.Single(template.Deployed("Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Single(template.Deployed("Microsoft.Storage/storageAccounts"));
        Assert.Single(template.Deployed("Microsoft.Insights/components"));
    }

    [Fact]
    public void ManagedEnvironment_LogsToTheAppsWorkspace_WithoutASharedKey()
    {
        var template = OnContainerApps();
        var environment = template.The("Microsoft.App/managedEnvironments");
        var diagnostics = Assert.Single(template.Deployed("Microsoft.Insights/diagnosticSettings"), d => d.Raw("scope").Contains("'Microsoft.App/managedEnvironments'", StringComparison.Ordinal));
        var workspace = Assert.IsType<CallNode>(ArmExpressionParser.Parse(diagnostics.Raw("properties", "workspaceId")[1..^1]));

        Assert.Equal("azure-monitor", environment.Evaluate("properties", "appLogsConfiguration", "destination"));
        Assert.False(environment.Has("properties", "appLogsConfiguration", "logAnalyticsConfiguration"));
        Assert.Equal("Consumption", Assert.Single(Assert.IsType<List<object?>>(environment.Evaluate("properties", "workloadProfiles")).Cast<Dictionary<string, object?>>())["workloadProfileType"]);
        Assert.Equal("Microsoft.OperationalInsights/workspaces", Assert.IsType<LiteralNode>(workspace.Arguments[0]).Value);
        Assert.Equal(ArmTemplate.OriginOfName(template.The("Microsoft.OperationalInsights/workspaces")), Origin(diagnostics.Scope, $"[{workspace.Arguments[1].Source}]"));
        Assert.Equal(["ContainerAppConsoleLogs", "ContainerAppSystemLogs"], Categories(diagnostics));
        Assert.Equal(false, OnContainerApps(new() { ["diagnosticSettingsEnabled"] = false })
            .Deployed("Microsoft.Insights/diagnosticSettings").Single(d => d.Raw("scope").Contains("'Microsoft.App/managedEnvironments'", StringComparison.Ordinal))
            .Evaluate("condition"));
    }

    [Fact]
    public void App_IsANativeFunctionsContainerApp_OnTheEnvironment_TaggedForAzd()
    {
        var app = App();
        var tags = Assert.IsType<Dictionary<string, object?>>(app.Evaluate("tags"));

        Assert.Equal("functionapp", app.Evaluate("kind"));
        Assert.Contains("'Microsoft.App/managedEnvironments'", app.Raw("properties", "managedEnvironmentId"), StringComparison.Ordinal);
        Assert.Equal(AzureYaml.ContainerServiceName(), tags["azd-service-name"]);
        Assert.Equal(new UnknownValue("parameters('environmentName')"), tags["azd-env-name"]);
        Assert.Equal(true, app.Evaluate("properties", "configuration", "ingress", "external"));
        Assert.Equal(false, app.Evaluate("properties", "configuration", "ingress", "allowInsecure"));
    }

    [Fact]
    public void MinimumReplicas_AreTheParameter_OneByDefault_AndNeverZero()
    {
        var declared = infrastructure.Template.Main.Template.GetProperty("parameters").GetProperty("servingMinReplicas");

        Assert.Equal("main: [parameters('servingMinReplicas')]", Origin(App().Scope, App().Raw("properties", "template", "scale", "minReplicas")));
        Assert.Equal(1L, App().Evaluate("properties", "template", "scale", "minReplicas"));
        Assert.Equal(3L, App(OnContainerApps(new() { ["servingMinReplicas"] = 3L })).Evaluate("properties", "template", "scale", "minReplicas"));
        Assert.Equal(1, declared.GetProperty("minValue").GetInt32());
        Assert.Equal("main: [parameters('servingMaxReplicas')]", Origin(App().Scope, App().Raw("properties", "template", "scale", "maxReplicas")));
        Assert.True((long)App().Evaluate("properties", "template", "scale", "maxReplicas")! >= 1L);
    }

    [Fact]
    public void Replicas_AreSizedAsFlexConsumptionInstances()
    {
        var container = Assert.Single(Assert.IsType<List<object?>>(App().Evaluate("properties", "template", "containers")).Cast<Dictionary<string, object?>>());
        var resources = Assert.IsType<Dictionary<string, object?>>(container["resources"]);

        Assert.Contains("parameters('instanceMemoryMB')", App().Raw("properties", "template", "containers"), StringComparison.Ordinal);
        Assert.Equal("main: [parameters('instanceMemoryMB')]", Origin(App().Scope, "[parameters('instanceMemoryMB')]"));
        Assert.Equal(new UnknownValue("json(variables('sizes')[string(parameters('instanceMemoryMB'))].cpu)"), resources["cpu"]);
        Assert.Equal("2Gi", resources["memory"]);
    }

    [Fact]
    public void App_RunsAsTheSameUserAssignedIdentity_AndPullsItsImageWithIt()
    {
        var template = OnContainerApps();
        var app = App(template);
        var assigned = Assert.Single(app.Get("identity", "userAssignedIdentities").EnumerateObject()).Name;
        var registry = Assert.Single(app.Get("properties", "configuration", "registries").EnumerateArray());

        Assert.Equal("UserAssigned", app.Evaluate("identity", "type"));
        Assert.Equal(IdentityNamed(template), IdentityOrigin(app.Scope, assigned));
        Assert.Equal(IdentityNamed(template), IdentityOrigin(app.Scope, registry.GetProperty("identity").GetString()!));
        Assert.Contains("loginServer", registry.GetProperty("server").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_GetsAcrPull_OnTheRegistry_WhichHasNoAdminUser()
    {
        var template = OnContainerApps();
        var registry = template.The("Microsoft.ContainerRegistry/registries");
        var pull = Assert.Single(template.Deployed("Microsoft.Authorization/roleAssignments"), a => RoleId(a) == AcrPull);

        Assert.Equal(false, registry.Evaluate("properties", "adminUserEnabled"));
        Assert.Equal(false, registry.Evaluate("properties", "anonymousPullEnabled"));
        Assert.Equal("ServicePrincipal", pull.Evaluate("properties", "principalType"));
        Assert.Contains("'Microsoft.ContainerRegistry/registries'", pull.Raw("scope"), StringComparison.Ordinal);
        Assert.Equal(IdentityNamed(template), IdentityOrigin(pull.Scope, pull.Raw("properties", "principalId")));
        Assert.StartsWith("[guid(", pull.Raw("name"), StringComparison.Ordinal);
        // The storage and telemetry roles are the Flex Consumption app's, granted to the same identity either way.
        Assert.Equal(
            infrastructure.Template.Deployed("Microsoft.Authorization/roleAssignments").Select(a => a.ToString()).Order(StringComparer.Ordinal),
            template.Deployed("Microsoft.Authorization/roleAssignments").Where(a => a != pull).Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Settings_AreTheFlexConsumptionAppsSettings_PlusWhatAContainerNeeds()
    {
        var flex = Assert.IsType<Dictionary<string, object?>>(infrastructure.Template.Deployed("Microsoft.Web/sites/config")
            .Single(r => r.Raw("name").Contains("'appsettings'", StringComparison.Ordinal)).Evaluate("properties"));
        var container = Settings(App());

        // Flex Consumption takes the runtime from its configuration and rejects FUNCTIONS_WORKER_RUNTIME; a container reads
        // it. Host keys are kept in storage, as on Flex Consumption, not in the replica's own file system.
        Assert.Equal(flex.Keys.Append("FUNCTIONS_WORKER_RUNTIME").Append("AzureWebJobsSecretStorageType").Order(StringComparer.Ordinal), container.Keys.Order(StringComparer.Ordinal));
        Assert.All(flex, setting => Assert.Equal(setting.Value?.ToString(), container[setting.Key]?.ToString()));
        Assert.Equal(AppConfiguration.LocalSettings()["FUNCTIONS_WORKER_RUNTIME"], container["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("blob", container["AzureWebJobsSecretStorageType"]);

        var changed = Settings(App(OnContainerApps(new() { ["trainingMaxTrials"] = 40L, ["servingLogWhenFull"] = "drop" })));
        Assert.Equal("40", changed["Training__MaxTrials"]);
        Assert.Equal("drop", changed["Serving__LogWhenFull"]);
        // The container's environment is these settings, every one of them, each as a plain value (no secret) by default.
        Assert.EndsWith("createObject('name', lambdaVariables('setting').key, 'value', lambdaVariables('setting').value))))]", EnvExpression(App()), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_IsReachedWithTheIdentity_AndNoSettingHoldsASecret()
    {
        var settings = Settings(App());

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("⟨reference('identity').clientId⟩", settings["AzureWebJobsStorage__clientId"]?.ToString());
        Assert.Equal("⟨reference('storage').primaryEndpoints.queue⟩", settings["AzureWebJobsStorage__queueServiceUri"]?.ToString());
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.All(settings.Values, value => Assert.DoesNotContain("AccountKey", value?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("list", App().Raw("properties"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new List<object?>(), App().Evaluate("properties", "configuration", "secrets"));
    }

    [Fact]
    public void DashboardSignIn_IsOffByDefault_WithNoAuthConfig()
    {
        // Deployed() leaves a resource's own condition to the test.
        Assert.Equal(false, Assert.Single(OnContainerApps().Deployed("Microsoft.App/containerApps/authConfigs")).Evaluate("condition"));
        Assert.Equal(false, infrastructure.Template.Deployed("Microsoft.Web/sites/config").Single(r => r.Raw("name").Contains("'authsettingsV2'", StringComparison.Ordinal)).Evaluate("condition"));
        Assert.Equal("false", Settings(App())["Dashboard__RequireSignIn"]);
    }

    [Fact]
    public void DashboardSignIn_On_PutsTheSameEntraSignInAsFlexConsumption_InFrontOfTheApp_LettingKeyedCallersThrough()
    {
        const string ClientId = "00000000-1111-2222-3333-444444444444";
        var sign = new Dictionary<string, object?> { ["dashboardSignInEnabled"] = "true", ["dashboardSignInClientId"] = ClientId };
        var template = OnContainerApps(sign);
        var auth = Assert.Single(template.Deployed("Microsoft.App/containerApps/authConfigs"));
        var flex = infrastructure.Template.WithParameters(sign).Deployed("Microsoft.Web/sites/config")
            .Single(r => r.Raw("name").Contains("'authsettingsV2'", StringComparison.Ordinal));

        Assert.Equal(true, auth.Evaluate("condition"));
        Assert.Equal(true, flex.Evaluate("condition"));
        Assert.Equal("current", auth.Evaluate("name")?.ToString()?.Split('/')[^1]);
        Assert.Equal("AllowAnonymous", auth.Evaluate("properties", "globalValidation", "unauthenticatedClientAction"));
        Assert.Equal(ClientId, auth.Evaluate("properties", "identityProviders", "azureActiveDirectory", "registration", "clientId"));
        Assert.Equal(
            new List<object?> { ClientId, $"api://{ClientId}" },
            auth.Evaluate("properties", "identityProviders", "azureActiveDirectory", "validation", "allowedAudiences"));
        foreach (var path in new[] { new[] { "platform", "enabled" }, ["login", "tokenStore", "enabled"], ["httpSettings", "requireHttps"], ["globalValidation", "unauthenticatedClientAction"] })
        {
            Assert.Equal(flex.Evaluate(["properties", .. path])?.ToString(), auth.Evaluate(["properties", .. path])?.ToString());
        }

        Assert.Equal("true", Settings(App(template))["Dashboard__RequireSignIn"]);
    }

    [Fact]
    public void WebhookSigningKey_IsReadFromKeyVault_WithTheIdentity_NeverWritten()
    {
        const string Uri = "https://vault.vault.azure.net/secrets/webhook-key";
        var template = OnContainerApps(new() { ["webhookSigningKeySecretUri"] = Uri });
        var secret = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(App(template).Evaluate("properties", "configuration", "secrets"))));

        Assert.Equal(Uri, secret["keyVaultUrl"]);
        Assert.False(secret.ContainsKey("value"));
        Assert.Equal(IdentityNamed(template), IdentityOrigin(App(template).Scope, $"[{Assert.IsType<UnknownValue>(secret["identity"]).Source}]"));
        Assert.Contains("secretRef", App(template).Raw("properties", "template", "containers"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, Settings(App(template))["Webhooks__SigningKey"]);
    }

    [Fact]
    public void Outputs_TellAzdWhichServiceToDeploy_AndWhereToPushTheImage()
    {
        Assert.Equal((true, false, string.Empty), ServiceOutputs(infrastructure.Template));
        var (flex, container, registry) = ServiceOutputs(OnContainerApps());
        Assert.False(flex);
        Assert.True(container);
        Assert.Equal("⟨reference('containerApps').outputs.registryLoginServer.value⟩", registry);
        Assert.Equal("containerapps", OnContainerApps().Main.Evaluate(Output("SERVING_HOST")));
    }

    [Fact]
    public void Image_IsWhatAzdLastDeployed_ElseTheFunctionsBaseImage()
    {
        var image = Image(App());
        var deployed = Image(App(OnContainerApps(new() { ["servingContainerImageName"] = "crxyz.azurecr.io/mlops/functions:azd-1" })));

        Assert.Equal(Dockerfile.Load().RuntimeImage, image);
        Assert.Equal("crxyz.azurecr.io/mlops/functions:azd-1", deployed);
    }

    private static object? Image(TemplateResource app) =>
        Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(app.Evaluate("properties", "template", "containers"))))["image"];

    private (bool Flex, bool Container, string? Registry) ServiceOutputs(ArmTemplate template) => (
        (bool)template.Main.Evaluate(Output("SERVICE_FUNCTIONS_ENABLED"))!,
        (bool)template.Main.Evaluate(Output("SERVICE_FUNCTIONS_CONTAINER_ENABLED"))!,
        template.Main.Evaluate(Output("AZURE_CONTAINER_REGISTRY_ENDPOINT"))?.ToString());

    private JsonElement Output(string name) => infrastructure.Template.Main.Template.GetProperty("outputs").GetProperty(name).GetProperty("value");

    /// <summary>Where the name of the one deployed identity is set.</summary>
    private static string IdentityNamed(ArmTemplate template) =>
        ArmTemplate.OriginOfName(template.The("Microsoft.ManagedIdentity/userAssignedIdentities"));

    /// <summary>
    /// Where the name of the identity an expression points at is set: resourceId(...userAssignedIdentities, name), or
    /// reference()/a property of an identity declared (existing) in that template.
    /// </summary>
    private static string IdentityOrigin(TemplateScope scope, string expression)
    {
        var node = ArmExpressionParser.Parse(TemplateScope.IsExpression(expression) ? expression[1..^1] : expression);
        while (node is MemberNode member)
        {
            node = member.Target;
        }

        var call = Assert.IsType<CallNode>(node);
        if (call is { Function: "format", Arguments: [LiteralNode { Value: "{0}" }, CallNode inner] })
        {
            call = inner;
        }

        if (call is { Function: "reference", Arguments: [LiteralNode { Value: string symbol }, ..] })
        {
            var declared = Assert.Single(scope.Template.GetProperty("resources").EnumerateObject(), r => r.Name == symbol).Value;
            Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", declared.GetProperty("type").GetString());
            return Origin(scope, declared.GetProperty("name").GetString()!);
        }

        if (call.Function == "reference")
        {
            call = Assert.IsType<CallNode>(call.Arguments[0]);
        }

        Assert.Equal("resourceId", call.Function);
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", Assert.IsType<LiteralNode>(call.Arguments[0]).Value);
        return Origin(scope, $"[{call.Arguments[1].Source}]");
    }

    private static string RoleId(TemplateResource assignment)
    {
        var call = Assert.IsType<CallNode>(ArmExpressionParser.Parse(assignment.Raw("properties", "roleDefinitionId")[1..^1]));
        return Assert.IsType<string>(Assert.IsType<LiteralNode>(call.Arguments[1]).Value);
    }

    private static List<string> Categories(TemplateResource setting) => setting.Get("properties", "logs").EnumerateArray()
        .Select(l => l.GetProperty("category").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static string Origin(TemplateScope scope, string expression)
    {
        var (origin, originScope) = scope.OriginOf(expression);
        return $"{originScope.Path}: {origin}";
    }
}
