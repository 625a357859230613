using System.Text.Json;
using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;
using Mlops.Infra.Tests.Repository;

namespace Mlops.Infra.Tests;

/// <summary>Blob uploads under datasets/ and scoring/ reach the app's Event Grid blob triggers, and nothing else does.</summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class EventGridTests(CompiledInfrastructure infrastructure)
{
    private TemplateResource Topic => infrastructure.Template.The("Microsoft.EventGrid/systemTopics");

    private TemplateResource Subscription => infrastructure.Template.The("Microsoft.EventGrid/systemTopics/eventSubscriptions");

    /// <summary>The subscription as a later provisioning deploys it: the postdeploy hook has turned it on.</summary>
    private TemplateResource EnabledSubscription => infrastructure.Template
        .WithParameters(new Dictionary<string, object?> { ["blobEventSubscriptionEnabled"] = true })
        .The("Microsoft.EventGrid/systemTopics/eventSubscriptions");

    /// <summary>The subscriptions' routes (one subscription each) as the module's variable evaluates them.</summary>
    private IReadOnlyList<(string Container, string Function)> Routes => [.. Assert.IsType<List<object?>>(
            Subscription.Scope.Evaluate(Subscription.Scope.Template.GetProperty("variables").GetProperty("routes")))
        .Select(r => Assert.IsType<Dictionary<string, object?>>(r))
        .Select(r => ((string)r["container"]!, (string)r["function"]!))];

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
    public void Subscriptions_AreOnePerRoute_DatasetsToDatasetUploaded_AndScoringToScoringUploaded()
    {
        Assert.Equal(
            [("datasets", "DatasetUploaded"), ("scoring", "ScoringUploaded")],
            Routes.Select(r => (r.Container, r.Function)));
        Assert.Equal("[length(variables('routes'))]", Subscription.Get("copy").GetProperty("count").GetString());
        Assert.Contains("-blob-created', variables('routes')[copyIndex()].container)", Subscription.Raw("name"), StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_FiltersOnBlobsCreatedInItsRoutesContainer()
    {
        Assert.Equal("/blobServices/default/containers/⟨variables('routes')[copyIndex()].container⟩/blobs/", Subscription.Evaluate("properties", "filter", "subjectBeginsWith")?.ToString());
        Assert.Equal(new List<object?> { "Microsoft.Storage.BlobCreated" }, Subscription.Evaluate("properties", "filter", "includedEventTypes"));
        Assert.Equal("EventGridSchema", Subscription.Evaluate("properties", "eventDeliverySchema"));
    }

    [Fact]
    public void Subscription_DeliversToTheBlobsExtensionWebhookOfItsRoutesFunction()
    {
        Assert.Equal("WebHook", Subscription.Evaluate("properties", "destination", "endpointType"));
        var url = EnabledSubscription.Evaluate("properties", "destination", "properties", "endpointUrl")?.ToString();

        Assert.Equal(
            "https://⟨reference('functionApp').defaultHostName⟩/runtime/webhooks/blobs?functionName=Host.Functions.⟨variables('routes')[copyIndex()].function⟩" +
            "&code=⟨listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName'))), '2025-03-01').systemKeys.blobs_extension⟩",
            url);
        var site = infrastructure.Template.Resources.Single(r => r.Scope == Subscription.Scope && r.SymbolicName == "functionApp");
        Assert.Equal(infrastructure.Template.The("Microsoft.Web/sites"), infrastructure.Template.DeployedCounterpart(site));
        Assert.Equal(ArmTemplate.OriginOfName(site), Origin(Subscription.Scope, "[parameters('functionAppName')]"));
    }

    [Fact]
    public void EachRoutesFunction_IsTheAppsEventGridBlobTriggerOnItsContainer()
    {
        Assert.All(Routes, route =>
        {
            var function = Assert.Single(FunctionsProject.Functions(), f => f.GetProperty("name").GetString() == route.Function);
            var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "blobTrigger");
            Assert.StartsWith($"{route.Container}/", trigger.GetProperty("path").GetString(), StringComparison.Ordinal);
            Assert.Equal("EventGrid", Property(trigger, "source"));
            Assert.Equal("AzureWebJobsStorage", Property(trigger, "connection"));
        });
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
    public void FirstProvision_ReadsNoKey_TheWebhookUrlIsNotEvenBuilt()
    {
        // Resource Manager evaluates list functions of a conditional resource even when it is not deployed; on the
        // first provisioning the blobs_extension key does not exist yet, so the read must not be evaluated at all.
        Assert.Equal(string.Empty, Subscription.Evaluate("properties", "destination", "properties", "endpointUrl"));
        Assert.StartsWith(
            "[if(parameters('subscriptionEnabled'), ",
            Subscription.Raw("properties", "destination", "properties", "endpointUrl"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void EveryListFunction_InTheTemplate_IsInTheTrueBranchOfTheSubscriptionSwitch()
    {
        var calls = ListFunctionCalls().ToList();

        Assert.Contains(calls, c => c.Call.Function.Equals("listKeys", StringComparison.OrdinalIgnoreCase));
        Assert.All(calls, c =>
        {
            var guard = c.Ancestors
                .Select((node, i) => (node, child: i + 1 < c.Ancestors.Count ? c.Ancestors[i + 1] : c.Call))
                .LastOrDefault(a => a.node is CallNode { Function: var f } && f.Equals("if", StringComparison.OrdinalIgnoreCase));
            Assert.True(guard.node is CallNode, $"{c.Where}: {c.Call.Source} is not under an if().");
            var ifCall = (CallNode)guard.node;
            Assert.Same(ifCall.Arguments[1], guard.child);
            Assert.Equal("main: [parameters('blobEventSubscriptionEnabled')]", Origin(c.Scope, $"[{ifCall.Arguments[0].Source}]"));
        });
        Assert.Equal(false, infrastructure.Template.Main.ParameterValue("blobEventSubscriptionEnabled"));
    }

    [Fact]
    public void Subscription_RetriesDeliveryForADay()
    {
        Assert.Equal(30L, Subscription.Evaluate("properties", "retryPolicy", "maxDeliveryAttempts"));
        Assert.Equal(1440L, Subscription.Evaluate("properties", "retryPolicy", "eventTimeToLiveInMinutes"));
    }

    /// <summary>
    /// Every list*() call in the compiled template (resources, variables and outputs of main.bicep and each module),
    /// with the calls around it, outermost first.
    /// </summary>
    private IEnumerable<(string Where, TemplateScope Scope, CallNode Call, List<ExpressionNode> Ancestors)> ListFunctionCalls()
    {
        var scopes = infrastructure.Template.Resources.Select(r => r.Scope).Append(infrastructure.Template.Main).Distinct();
        foreach (var scope in scopes)
        {
            var values = infrastructure.Template.Resources.Where(r => r.Scope == scope).Select(r => (r.ToString(), r.Json))
                .Concat(new[] { "variables", "outputs" }
                    .Where(section => scope.Template.TryGetProperty(section, out _))
                    .Select(section => ($"{scope.Path} {section}", scope.Template.GetProperty(section))));
            foreach (var (where, json) in values)
            {
                foreach (var expression in Expressions(json))
                {
                    foreach (var (call, ancestors) in Calls(ArmExpressionParser.Parse(expression[1..^1]), []))
                    {
                        if (call.Function.StartsWith("list", StringComparison.OrdinalIgnoreCase))
                        {
                            yield return (where, scope, call, ancestors);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The expressions in a JSON value, not descending into a module's own template (it is a scope of its own).</summary>
    private static IEnumerable<string> Expressions(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String when TemplateScope.IsExpression(json.GetString()!) => [json.GetString()!],
        JsonValueKind.Object => json.EnumerateObject().Where(p => p.Name != "template").SelectMany(p => Expressions(p.Value)),
        JsonValueKind.Array => json.EnumerateArray().SelectMany(Expressions),
        _ => [],
    };

    private static IEnumerable<(CallNode Call, List<ExpressionNode> Ancestors)> Calls(ExpressionNode node, List<ExpressionNode> ancestors)
    {
        var inner = ancestors.Append(node).ToList();
        IEnumerable<ExpressionNode> children = node switch
        {
            CallNode call => call.Arguments,
            MemberNode member => [member.Target],
            IndexNode index => [index.Target, index.Index],
            _ => [],
        };
        var found = children.SelectMany(child => Calls(child, inner));
        return node is CallNode self ? found.Prepend((self, ancestors)) : found;
    }

    [Fact]
    public void UndeliverableEvents_AreDeadLetteredToAContainer_ThroughTheTopicsOwnIdentity()
    {
        Assert.Equal("SystemAssigned", Topic.Evaluate("identity", "type"));
        Assert.Equal("SystemAssigned", Subscription.Evaluate("properties", "deadLetterWithResourceIdentity", "identity", "type"));
        var destination = Subscription.Get("properties", "deadLetterWithResourceIdentity", "deadLetterDestination");
        Assert.Equal("StorageBlob", destination.GetProperty("endpointType").GetString());

        var container = Subscription.Evaluate("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "properties", "blobContainerName");
        var containers = Assert.IsType<List<object?>>(infrastructure.Template.The("Microsoft.Storage/storageAccounts/blobServices/containers").Scope.ParameterValue("containerNames"));
        Assert.Contains(container, containers);
        Assert.DoesNotContain(container, new object?[] { "datasets", "models", "quarantine" });
        var account = Assert.IsType<CallNode>(ArmExpressionParser.Parse(Subscription.Raw("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "properties", "resourceId")[1..^1]));
        Assert.Equal("Microsoft.Storage/storageAccounts", Assert.IsType<LiteralNode>(account.Arguments[0]).Value);
        Assert.Equal(ArmTemplate.OriginOfName(infrastructure.Template.The("Microsoft.Storage/storageAccounts")), Origin(Subscription.Scope, $"[{account.Arguments[1].Source}]"));
    }

    [Fact]
    public void TopicIdentity_MayWriteBlobs_InTheDeadLetterContainerOnly_BeforeTheSubscriptionExists()
    {
        var assignment = Assert.Single(
            infrastructure.Template.Deployed("Microsoft.Authorization/roleAssignments"),
            a => a.Raw("properties", "principalId").Contains("reference('systemTopic'", StringComparison.Ordinal));

        Assert.Equal(Topic.Scope, assignment.Scope);
        Assert.EndsWith(".identity.principalId]", assignment.Raw("properties", "principalId"), StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", assignment.Evaluate("properties", "principalType"));
        Assert.Contains("'ba92f5b4-2d11-453d-a403-e96b0029c9fe'", assignment.Raw("properties", "roleDefinitionId"), StringComparison.Ordinal);
        Assert.StartsWith("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', ", assignment.Raw("scope"), StringComparison.Ordinal);
        Assert.Contains("parameters('deadLetterContainerName')", assignment.Raw("scope"), StringComparison.Ordinal);
        Assert.Equal(
            "[parameters('deadLetterContainerName')]",
            Subscription.Raw("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "properties", "blobContainerName"));
        Assert.False(assignment.Has("condition"), "The role is granted on every provisioning, before the subscription needs it.");
        Assert.Contains(Subscription.Get("dependsOn").EnumerateArray(), d => d.GetString() == assignment.SymbolicName);
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
