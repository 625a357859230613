using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;
using Mlops.Infra.Tests.Repository;

namespace Mlops.Infra.Tests;

/// <summary>
/// The function app's settings in Azure are exactly the settings the app reads: local.settings.sample.json
/// (translated for Azure by the table below) and host.json's %name% references.
/// </summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class AppSettingsTests(CompiledInfrastructure infrastructure)
{
    /// <summary>
    /// The local settings whose Azure form differs, and the names they become there. Any other local setting
    /// is set in Azure under the same name with the same default value. Extend this table when a new local
    /// setting has a different shape in Azure.
    /// </summary>
    private static readonly Dictionary<string, string[]> AzureNamesOfLocalSetting = new(StringComparer.Ordinal)
    {
        // A connection string locally (Azurite); identity-based in Azure: the managed identity, no key.
        ["AzureWebJobsStorage"] =
        [
            "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri",
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
        ],
        // Local only: Flex Consumption takes the runtime from functionAppConfig and rejects this setting.
        ["FUNCTIONS_WORKER_RUNTIME"] = [],
        // Empty locally (nothing exported); in Azure the component's connection string, with ingestion
        // authenticated by the managed identity (Entra ID), since the component accepts no local auth.
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"],
        // Empty locally (deliveries unsigned); in Azure a Key Vault reference when a secret URI is given.
        ["Webhooks__SigningKey"] = ["Webhooks__SigningKey"],
    };

    /// <summary>App settings the Flex Consumption plan rejects or ignores (they belong to other plans).</summary>
    private static readonly string[] RejectedByFlexConsumption =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_NODE_DEFAULT_VERSION",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "ENABLE_ORYX_BUILD",
        "AzureWebJobsStorage",
    ];

    private TemplateResource AppSettings => infrastructure.Template.Deployed("Microsoft.Web/sites/config")
        .Single(r => r.Raw("name").Contains("'appsettings'", StringComparison.Ordinal));

    private IReadOnlyDictionary<string, object?> AzureSettings =>
        (Dictionary<string, object?>)AppSettings.Evaluate("properties")!;

    [Fact]
    public void AppSettings_AreExactlyTheSettingsTheAppReads()
    {
        var expected = AppConfiguration.LocalSettings().Keys
            .SelectMany(local => AzureNamesOfLocalSetting.TryGetValue(local, out var azure) ? azure : [local])
            .Concat(AppConfiguration.HostJsonSettingReferences())
            .ToHashSet(StringComparer.Ordinal);
        var actual = AzureSettings.Keys.ToHashSet(StringComparer.Ordinal);

        var missing = expected.Except(actual).Order().ToList();
        var unread = actual.Except(expected).Order().ToList();
        Assert.True(
            missing.Count == 0 && unread.Count == 0,
            $"infra/app/functions.bicep app settings differ from what the app reads. Missing in Bicep: [{string.Join(", ", missing)}]. " +
            $"Set by Bicep but not read by the app (local.settings.sample.json, host.json): [{string.Join(", ", unread)}].");
    }

    [Fact]
    public void AppSettings_NamedAsLocally_DefaultToTheSampleValue()
    {
        var sameName = AppConfiguration.LocalSettings().Where(s => !AzureNamesOfLocalSetting.ContainsKey(s.Key));

        Assert.All(sameName, setting =>
        {
            Assert.True(AzureSettings.TryGetValue(setting.Key, out var azure), $"{setting.Key} is not set by Bicep.");
            Assert.True(azure is string, $"{setting.Key} in Bicep is {azure}, not a value known before deployment.");
            Assert.Equal(setting.Value, (string)azure);
        });
    }

    [Fact]
    public void HostJsonReferences_HaveAKnownValue()
    {
        Assert.All(AppConfiguration.HostJsonSettingReferences(), name =>
            Assert.True(AzureSettings.TryGetValue(name, out var value) && value is string { Length: > 0 }, $"host.json reads %{name}%, which Bicep sets to {value}."));
    }

    [Fact]
    public void DurableTaskHub_IsMlopsHub()
    {
        Assert.Contains("Durable__HubName", AppConfiguration.HostJsonSettingReferences());
        Assert.Equal("MlopsHub", AzureSettings["Durable__HubName"]);
    }

    [Fact]
    public void AzureWebJobsStorage_IsIdentityBased_WithTheAppsManagedIdentity()
    {
        Assert.Equal("managedidentity", AzureSettings["AzureWebJobsStorage__credential"]);
        Assert.Equal("⟨reference('identity').clientId⟩", AzureSettings["AzureWebJobsStorage__clientId"]?.ToString());
        Assert.Equal("⟨reference('storage').primaryEndpoints.blob⟩", AzureSettings["AzureWebJobsStorage__blobServiceUri"]?.ToString());
        Assert.Equal("⟨reference('storage').primaryEndpoints.queue⟩", AzureSettings["AzureWebJobsStorage__queueServiceUri"]?.ToString());
        Assert.Equal("⟨reference('storage').primaryEndpoints.table⟩", AzureSettings["AzureWebJobsStorage__tableServiceUri"]?.ToString());

        var identity = ExistingInAppTemplate("identity");
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", identity.Type);
        Assert.NotNull(infrastructure.Template.DeployedCounterpart(identity));
        Assert.Equal(StorageAccount(), infrastructure.Template.DeployedCounterpart(ExistingInAppTemplate("storage")));
    }

    [Fact]
    public void ApplicationInsights_IsReachedWithTheManagedIdentity()
    {
        Assert.Equal("⟨reference('applicationInsights').ConnectionString⟩", AzureSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]?.ToString());
        Assert.Equal(
            "ClientId=⟨reference('identity').clientId⟩;Authorization=AAD",
            AzureSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.ToString());
        Assert.Equal(
            infrastructure.Template.The("Microsoft.Insights/components"),
            infrastructure.Template.DeployedCounterpart(ExistingInAppTemplate("applicationInsights")));
    }

    [Fact]
    public void WebhookSigningKey_IsAKeyVaultReference_ReadAsTheAppsIdentity()
    {
        var signingKey = AppSettings.Raw("properties", "Webhooks__SigningKey");
        var site = infrastructure.Template.Deployed("Microsoft.Web/sites").Single();

        Assert.Equal(string.Empty, AzureSettings["Webhooks__SigningKey"]);
        Assert.Contains("@Microsoft.KeyVault(SecretUri={0})", signingKey, StringComparison.Ordinal);
        Assert.Contains("parameters('webhookSigningKeySecretUri')", signingKey, StringComparison.Ordinal);
        Assert.Contains("identity", site.Raw("properties", "keyVaultReferenceIdentity"), StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_HoldNothingFlexConsumptionRejects()
    {
        Assert.Empty(AzureSettings.Keys.Intersect(RejectedByFlexConsumption, StringComparer.OrdinalIgnoreCase));
    }

    private TemplateResource ExistingInAppTemplate(string symbolicName) =>
        infrastructure.Template.Resources.Single(r => r.Scope == AppSettings.Scope && r.SymbolicName == symbolicName);

    private TemplateResource StorageAccount() => infrastructure.Template.The("Microsoft.Storage/storageAccounts");
}
