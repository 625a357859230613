using System.Text.Json;
using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;
using Mlops.Infra.Tests.Repository;

namespace Mlops.Infra.Tests;

/// <summary>Blob uploads under datasets/ reach the app's Event Grid blob trigger, and nothing else does.</summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class EventGridTests(CompiledInfrastructure infrastructure)
{
    private TemplateResource Topic => infrastructure.Template.The("Microsoft.EventGrid/systemTopics");

    private TemplateResource Subscription => infrastructure.Template.The("Microsoft.EventGrid/systemTopics/eventSubscriptions");

    [Fact]
    public void SystemTopic_IsOnTheStorageAccount()
    {
        Assert.Equal("Microsoft.Storage.StorageAccounts", Topic.Evaluate("properties", "topicType"));
        var storage = infrastructure.Template.The("Microsoft.Storage/storageAccounts");
        var source = ArmExpressionParser.Parse(Topic.Raw("properties", "source")[1..^1]);
        var call = Assert.IsType<CallNode>(source);
        Assert.Equal("resourceId", call.Function);
        Assert.Equal("Microsoft.Storage/storageAccounts", Assert.IsType<LiteralNode>(call.Arguments[0]).Value);
        var (origin, scope) = Topic.Scope.OriginOf($"[{call.Arguments[1].Source}]");
        Assert.Equal(ArmTemplate.OriginOfName(storage), $"{scope.Path}: {origin}");
    }

    [Fact]
    public void Subscription_FiltersOnBlobsCreatedInTheDatasetsContainer()
    {
        Assert.Equal("/blobServices/default/containers/datasets/blobs/", Subscription.Evaluate("properties", "filter", "subjectBeginsWith"));
        Assert.Equal(new List<object?> { "Microsoft.Storage.BlobCreated" }, Subscription.Evaluate("properties", "filter", "includedEventTypes"));
        Assert.Equal("EventGridSchema", Subscription.Evaluate("properties", "eventDeliverySchema"));
    }

    [Fact]
    public void Subscription_DeliversToTheBlobsExtensionWebhookOfTheDatasetUploadedFunction()
    {
        Assert.Equal("WebHook", Subscription.Evaluate("properties", "destination", "endpointType"));
        var url = Subscription.Evaluate("properties", "destination", "properties", "endpointUrl")?.ToString();

        Assert.Equal(
            "https://⟨reference('functionApp').defaultHostName⟩/runtime/webhooks/blobs?functionName=Host.Functions.DatasetUploaded" +
            "&code=⟨listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName'))), '2025-03-01').systemKeys.blobs_extension⟩",
            url);
        var site = infrastructure.Template.Resources.Single(r => r.Scope == Subscription.Scope && r.SymbolicName == "functionApp");
        Assert.Equal(infrastructure.Template.The("Microsoft.Web/sites"), infrastructure.Template.DeployedCounterpart(site));
        Assert.Equal(ArmTemplate.OriginOfName(site), Origin(Subscription.Scope, "[parameters('functionAppName')]"));
    }

    [Fact]
    public void WebhookFunction_IsTheAppsEventGridBlobTriggerOnDatasets()
    {
        var url = Subscription.Evaluate("properties", "destination", "properties", "endpointUrl")!.ToString()!;
        var functionName = url.Split("functionName=Host.Functions.")[1].Split('&')[0];

        var function = Assert.Single(FunctionsProject.Functions(), f => f.GetProperty("name").GetString() == functionName);
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "blobTrigger");
        Assert.StartsWith("datasets/", trigger.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("EventGrid", Property(trigger, "source"));
        Assert.Equal("AzureWebJobsStorage", Property(trigger, "connection"));
    }

    [Fact]
    public void Subscription_IsTheSecondProvisioningStage_OffUntilTheCodeIsDeployed()
    {
        // Event Grid validates the webhook when the subscription is created; the webhook and its key exist only
        // once the app runs. The azd postdeploy hook turns this parameter on and provisions again.
        Assert.Equal("[parameters('subscriptionEnabled')]", Subscription.Raw("condition"));
        Assert.Equal("main: [parameters('blobEventSubscriptionEnabled')]", Origin(Subscription.Scope, Subscription.Raw("condition")));
        Assert.Equal(false, infrastructure.Template.Main.ParameterValue("blobEventSubscriptionEnabled"));
    }

    [Fact]
    public void Subscription_RetriesDeliveryForADay()
    {
        Assert.Equal(30L, Subscription.Evaluate("properties", "retryPolicy", "maxDeliveryAttempts"));
        Assert.Equal(1440L, Subscription.Evaluate("properties", "retryPolicy", "eventTimeToLiveInMinutes"));
    }

    private static string Origin(TemplateScope scope, string expression)
    {
        var (origin, originScope) = scope.OriginOf(expression);
        return $"{originScope.Path}: {origin}";
    }

    /// <summary>A binding property, whatever its case in functions.metadata.</summary>
    private static string? Property(JsonElement binding, string name) => binding.EnumerateObject()
        .Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(p => p.Value.ToString())
        .SingleOrDefault();
}
