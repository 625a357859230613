using Mlops.Core.Monitoring;
using Mlops.Core.Telemetry;
using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;

namespace Mlops.Infra.Tests;

/// <summary>
/// Storage, the app and Event Grid log into the app's Log Analytics workspace; alerts fire when the workspace's
/// daily cap is reached, when Event Grid fails to deliver or dead-letters an upload, and on the product's own
/// failures and decisions (a run failed, drift detected, retraining budget spent).
/// </summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class ObservabilityTests(CompiledInfrastructure infrastructure)
{
    private IReadOnlyList<TemplateResource> DiagnosticSettings => infrastructure.Template.Deployed("Microsoft.Insights/diagnosticSettings");

    private TemplateResource Workspace => infrastructure.Template.The("Microsoft.OperationalInsights/workspaces");

    [Fact]
    public void DiagnosticSettings_CoverTheStorageServices_TheApp_AndTheSystemTopic()
    {
        var targets = DiagnosticSettings.Select(d => ResourceIdCall(d.Raw("scope")))
            .Select(call => (string)((LiteralNode)call.Arguments[0]).Value!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "Microsoft.EventGrid/systemTopics",
                "Microsoft.Storage/storageAccounts/blobServices",
                "Microsoft.Storage/storageAccounts/queueServices",
                "Microsoft.Storage/storageAccounts/tableServices",
                "Microsoft.Web/sites",
            ],
            targets);
    }

    [Fact]
    public void DiagnosticSettings_TargetTheWorkspace_TheAppInsightsComponentUses()
    {
        Assert.All(DiagnosticSettings, setting =>
        {
            var workspace = ResourceIdCall(Assert.IsType<string>(Raw(setting, "properties", "workspaceId")));
            Assert.Equal("Microsoft.OperationalInsights/workspaces", ((LiteralNode)workspace.Arguments[0]).Value);
            Assert.Equal(ArmTemplate.OriginOfName(Workspace), Origin(setting.Scope, $"[{workspace.Arguments[1].Source}]"));
        });
    }

    [Fact]
    public void DiagnosticSettings_SendWhatEachResourceLogs_StorageWritesAndDeletes_NotItsQueuePolling()
    {
        var storage = DiagnosticSettings.Where(d => d.Raw("scope").Contains("Microsoft.Storage", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, storage.Count);
        Assert.All(storage, s => Assert.Equal(["StorageDelete", "StorageWrite"], Categories(s, "logs")));
        Assert.All(storage, s => Assert.Equal(["Transaction"], Categories(s, "metrics")));

        var withReads = infrastructure.Template.WithParameters(new Dictionary<string, object?> { ["storageReadLogsEnabled"] = true })
            .Deployed("Microsoft.Insights/diagnosticSettings").First(d => d.Raw("scope").Contains("queueServices", StringComparison.Ordinal));
        Assert.Equal(["StorageDelete", "StorageRead", "StorageWrite"], Categories(withReads, "logs"));

        Assert.Equal(["FunctionAppLogs"], Categories(On("Microsoft.Web/sites"), "logs"));
        Assert.Equal(["DeliveryFailures"], Categories(On("Microsoft.EventGrid/systemTopics"), "logs"));
    }

    [Fact]
    public void DiagnosticSettings_AreOnByDefault_AndOneParameterTurnsThemOff()
    {
        Assert.All(DiagnosticSettings, s => Assert.Equal(true, s.Evaluate("condition")));
        var off = infrastructure.Template.WithParameters(new Dictionary<string, object?> { ["diagnosticSettingsEnabled"] = false });
        Assert.All(off.Deployed("Microsoft.Insights/diagnosticSettings"), s => Assert.Equal(false, s.Evaluate("condition")));
    }

    [Fact]
    public void DailyCapAlert_QueriesTheWorkspacesOverQuotaOperations()
    {
        var rule = Assert.Single(infrastructure.Template.Deployed("Microsoft.Insights/scheduledQueryRules"), r => r.Raw("name").Contains("alert-daily-cap-", StringComparison.Ordinal));
        var scope = ResourceIdCall(Assert.IsType<string>(Assert.Single(Assert.IsType<List<object?>>(RawList(rule, "properties", "scopes")))));
        var criterion = Assert.Single(Assert.IsType<List<object?>>(rule.Evaluate("properties", "criteria", "allOf")));
        var query = (string)((Dictionary<string, object?>)criterion!)["query"]!;

        Assert.Equal(ArmTemplate.OriginOfName(Workspace), Origin(rule.Scope, $"[{scope.Arguments[1].Source}]"));
        Assert.Contains("_LogOperation", query, StringComparison.Ordinal);
        Assert.Contains("OverQuota", query, StringComparison.Ordinal);
        Assert.Equal(true, rule.Evaluate("condition"));

        // The cap it watches is set: an uncapped workspace (-1) would make the alert pointless.
        Assert.True(Convert.ToInt64(Workspace.Evaluate("properties", "workspaceCapping", "dailyQuotaGb"), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    /// <summary>
    /// The product's alerts read the counters the app exports (the names and tag values come from the code, so renaming a
    /// metric or a tag value without its alert fails here), in the workspace's AppMetrics table, one alert per model.
    /// </summary>
    [Theory]
    [InlineData("alert-run-failed-", "runs", "outcome", "failed")]
    [InlineData("alert-drift-detected-", "detections", "kind", RetrainKinds.Drift)]
    [InlineData("alert-retrain-budget-", "actions", "cause", AlertCauses.Budget)]
    public void ProductAlerts_SumTheAppsCounter_PerModel_InTheWorkspace(string name, string counter, string tag, string value)
    {
        var metric = counter switch
        {
            "runs" => MlopsTelemetry.Runs.Name,
            "detections" => MlopsTelemetry.MonitoringDetections.Name,
            _ => MlopsTelemetry.MonitoringActions.Name,
        };
        var rule = Assert.Single(infrastructure.Template.Deployed("Microsoft.Insights/scheduledQueryRules"), r => r.Raw("name").Contains(name, StringComparison.Ordinal));
        var scope = ResourceIdCall(Assert.IsType<string>(Assert.Single(Assert.IsType<List<object?>>(RawList(rule, "properties", "scopes")))));
        var criterion = (Dictionary<string, object?>)Assert.Single(Assert.IsType<List<object?>>(rule.Evaluate("properties", "criteria", "allOf")))!;
        var query = (string)criterion["query"]!;
        var dimension = (Dictionary<string, object?>)Assert.Single(Assert.IsType<List<object?>>(criterion["dimensions"]))!;

        Assert.Equal(ArmTemplate.OriginOfName(Workspace), Origin(rule.Scope, $"[{scope.Arguments[1].Source}]"));
        Assert.StartsWith("AppMetrics | ", query, StringComparison.Ordinal);
        Assert.Contains($"Name == \"{metric}\"", query, StringComparison.Ordinal);
        Assert.Contains($"tostring(Properties.{tag}) == \"{value}\"", query, StringComparison.Ordinal);
        Assert.Contains("Model = tostring(Properties.model)", query, StringComparison.Ordinal);
        Assert.Equal("Sum", criterion["metricMeasureColumn"]);
        Assert.Equal("Total", criterion["timeAggregation"]);
        Assert.Equal("Model", dimension["name"]);
        Assert.Equal("GreaterThan", criterion["operator"]);
        Assert.Equal(0L, Convert.ToInt64(criterion["threshold"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(true, rule.Evaluate("condition"));
        Assert.Equal(false, infrastructure.Template.WithParameters(new Dictionary<string, object?> { ["alertsEnabled"] = false })
            .Deployed("Microsoft.Insights/scheduledQueryRules").Single(r => r.Raw("name").Contains(name, StringComparison.Ordinal)).Evaluate("condition"));
    }

    [Fact]
    public void EventGridAlerts_WatchDeliveryFailuresAndDeadLetters_OnTheSystemTopic()
    {
        var alerts = infrastructure.Template.Deployed("Microsoft.Insights/metricAlerts");
        var metrics = alerts.Select(a => (string)((Dictionary<string, object?>)Assert.Single(Assert.IsType<List<object?>>(a.Evaluate("properties", "criteria", "allOf")))!)["metricName"]!);

        Assert.Equal(["DeadLetteredCount", "DeliveryAttemptFailCount"], metrics.Order(StringComparer.Ordinal));
        Assert.All(alerts, alert =>
        {
            var scope = ResourceIdCall(Assert.IsType<string>(Assert.Single(Assert.IsType<List<object?>>(RawList(alert, "properties", "scopes")))));
            Assert.Equal("Microsoft.EventGrid/systemTopics", ((LiteralNode)scope.Arguments[0]).Value);
            Assert.Equal(
                ArmTemplate.OriginOfName(infrastructure.Template.The("Microsoft.EventGrid/systemTopics")),
                Origin(alert.Scope, $"[{scope.Arguments[1].Source}]"));
        });
    }

    [Fact]
    public void Alerts_MailTheAddressGiven_AndOnlyThen()
    {
        var rules = Rules(infrastructure.Template);
        Assert.All(rules, rule => Assert.Empty(ActionGroups(rule)));
        Assert.Equal(false, infrastructure.Template.The("Microsoft.Insights/actionGroups").Evaluate("condition"));

        var mailed = infrastructure.Template.WithParameters(new Dictionary<string, object?> { ["alertEmailAddress"] = "ops@example.com" });
        var group = mailed.The("Microsoft.Insights/actionGroups");
        Assert.Equal(true, group.Evaluate("condition"));
        var receiver = (Dictionary<string, object?>)Assert.Single(Assert.IsType<List<object?>>(group.Evaluate("properties", "emailReceivers")))!;
        Assert.Equal("ops@example.com", receiver["emailAddress"]);
        Assert.All(Rules(mailed), rule => Assert.Single(ActionGroups(rule)));
    }

    private static List<TemplateResource> Rules(ArmTemplate template) =>
        [.. template.Deployed("Microsoft.Insights/metricAlerts"), .. template.Deployed("Microsoft.Insights/scheduledQueryRules")];

    /// <summary>The action groups an alert rule notifies (the two rule types name them differently).</summary>
    private static List<object?> ActionGroups(TemplateResource rule) => rule.Type.EndsWith("metricAlerts", StringComparison.OrdinalIgnoreCase)
        ? Assert.IsType<List<object?>>(rule.Evaluate("properties", "actions"))
        : Assert.IsType<List<object?>>(rule.Evaluate("properties", "actions", "actionGroups"));

    private TemplateResource On(string type) =>
        Assert.Single(DiagnosticSettings, d => d.Raw("scope").Contains($"'{type}'", StringComparison.Ordinal));

    private static List<string> Categories(TemplateResource setting, string kind) =>
        Assert.IsType<List<object?>>(Evaluated(setting)[kind])
            .Cast<Dictionary<string, object?>>()
            .Where(entry => entry["enabled"] is true)
            .Select(entry => (string)entry["category"]!)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A diagnostic setting's properties, evaluated (the storage ones come from a shared variable).</summary>
    private static Dictionary<string, object?> Evaluated(TemplateResource setting) =>
        Assert.IsType<Dictionary<string, object?>>(setting.Evaluate("properties"));

    /// <summary>The raw expression of a property, following the properties into a variable when they come from one.</summary>
    private static object? Raw(TemplateResource setting, params string[] path)
    {
        var properties = setting.Get(path[0]);
        if (properties.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            var variable = Assert.IsType<CallNode>(ArmExpressionParser.Parse(properties.GetString()![1..^1]));
            Assert.Equal("variables", variable.Function);
            properties = setting.Scope.Template.GetProperty("variables").GetProperty((string)((LiteralNode)variable.Arguments[0]).Value!);
        }

        foreach (var name in path.Skip(1))
        {
            properties = properties.GetProperty(name);
        }

        return properties.GetString();
    }

    private static List<object?> RawList(TemplateResource resource, params string[] path) =>
        resource.Get(path).EnumerateArray().Select(e => (object?)e.GetString()).ToList();

    private static CallNode ResourceIdCall(string expression)
    {
        var call = Assert.IsType<CallNode>(ArmExpressionParser.Parse(expression[1..^1]));
        Assert.Equal("resourceId", call.Function);
        return call;
    }

    private static string Origin(TemplateScope scope, string expression)
    {
        var (origin, originScope) = scope.OriginOf(expression);
        return $"{originScope.Path}: {origin}";
    }
}
