using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;

namespace Mlops.Infra.Tests;

/// <summary>
/// The app's managed identity gets exactly the roles the app needs; the principal running azd gets one data role
/// (blobs), only when azd names it; no one else gets any.
/// </summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class RoleAssignmentTests(CompiledInfrastructure infrastructure)
{
    /// <summary>Storage Blob Data Contributor, the deployer's one role.</summary>
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    /// <summary>Built-in role definition ids (the same in every tenant) and the resource type each is granted on.</summary>
    private static readonly Dictionary<string, (string Role, string Scope)> ExpectedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = ("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts"),
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = ("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = ("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", "Microsoft.Insights/components"),
    };

    private IReadOnlyList<TemplateResource> Assignments => infrastructure.Template.Deployed("Microsoft.Authorization/roleAssignments");

    /// <summary>The assignment to the principal running azd: its principal is main.bicep's principalId.</summary>
    private TemplateResource Deployer => Assert.Single(Assignments, IsDeployers);

    /// <summary>Every assignment but the deployer's: each to a managed identity.</summary>
    private IReadOnlyList<TemplateResource> IdentityAssignments => Assignments.Where(a => !IsDeployers(a)).ToList();

    /// <summary>The assignments to the app's identity (others go to the Event Grid system topic's identity).</summary>
    private IReadOnlyList<TemplateResource> AppAssignments => IdentityAssignments
        .Where(a => !a.Raw("properties", "principalId").Contains("Microsoft.EventGrid/systemTopics", StringComparison.Ordinal)
            && !IsSystemTopicSymbol(a))
        .ToList();

    /// <summary>The user-assigned identity the function app runs as.</summary>
    private TemplateResource AppIdentity
    {
        get
        {
            var site = infrastructure.Template.The("Microsoft.Web/sites");
            Assert.Equal("UserAssigned", site.Evaluate("identity", "type"));
            var assigned = Assert.Single(site.Get("identity", "userAssignedIdentities").EnumerateObject()).Name;
            return IdentityNamedIn(site.Scope, assigned);
        }
    }

    [Fact]
    public void EveryRoleAssignment_ButTheDeployers_TargetsTheAppsManagedIdentity()
    {
        var appIdentity = AppIdentity;

        Assert.NotEmpty(AppAssignments);
        Assert.All(AppAssignments, assignment =>
        {
            Assert.Equal("ServicePrincipal", assignment.Evaluate("properties", "principalType"));
            var principal = assignment.Raw("properties", "principalId");
            Assert.EndsWith(".principalId]", principal, StringComparison.Ordinal);
            Assert.Same(appIdentity, IdentityNamedIn(assignment.Scope, principal));
        });
    }

    [Fact]
    public void RoleAssignments_AreExactlyTheRolesTheAppNeeds()
    {
        var granted = AppAssignments.Select(a => (Role: RoleId(a), Scope: a.Raw("scope"))).ToList();

        Assert.Equal(ExpectedRoles.Keys.Order(StringComparer.OrdinalIgnoreCase), granted.Select(g => g.Role).Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(granted, g => Assert.Contains($"'{ExpectedRoles[g.Role].Scope}'", g.Scope, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void RoleAssignmentNames_AreStableGuidsOfScopePrincipalAndRole()
    {
        Assert.All(AppAssignments, assignment =>
            Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", assignment.Raw("name"), StringComparison.Ordinal));
        Assert.Contains("parameters('deployerPrincipalId')", Deployer.Raw("name"), StringComparison.Ordinal);
        Assert.All(Assignments, assignment =>
        {
            var name = assignment.Raw("name");
            Assert.StartsWith("[guid(", name, StringComparison.Ordinal);
            Assert.Contains(RoleId(assignment), name, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Deployer_GetsBlobDataContributor_OnTheStorageAccount_AsAUser()
    {
        Assert.Equal(BlobDataContributor, RoleId(Deployer), ignoreCase: true);
        var scope = Assert.IsType<CallNode>(ArmExpressionParser.Parse(Deployer.Raw("scope")[1..^1]));
        Assert.Equal("resourceId", scope.Function);
        Assert.Equal("Microsoft.Storage/storageAccounts", Assert.IsType<LiteralNode>(scope.Arguments[0]).Value);
        Assert.Equal(
            ArmTemplate.OriginOfName(infrastructure.Template.The("Microsoft.Storage/storageAccounts")),
            Origin(Deployer.Scope, $"[{scope.Arguments[1].Source}]"));
        Assert.Equal("User", Deployer.Evaluate("properties", "principalType"));
        Assert.Equal("main: [parameters('principalType')]", Origin(Deployer.Scope, Deployer.Raw("properties", "principalType")));
        Assert.Equal("main: [parameters('principalId')]", Origin(Deployer.Scope, Deployer.Raw("properties", "principalId")));
    }

    [Fact]
    public void Deployer_GetsTheRole_OnlyWhenAzdNamesAPrincipal()
    {
        Assert.Equal(string.Empty, infrastructure.Template.Main.ParameterValue("principalId"));
        Assert.Equal(false, Deployer.Evaluate("condition"));

        var named = infrastructure.Template.WithParameters(new Dictionary<string, object?> { ["principalId"] = "00000000-0000-0000-0000-000000000001" });
        var assignment = Assert.Single(named.Deployed("Microsoft.Authorization/roleAssignments"), IsDeployers);
        Assert.Equal(true, assignment.Evaluate("condition"));
        Assert.Equal("00000000-0000-0000-0000-000000000001", assignment.Evaluate("properties", "principalId"));
    }

    [Fact]
    public void Deployer_IsNoOtherPrincipalsRole_AndHasNoOtherRole()
    {
        Assert.Single(Assignments, a => RoleId(a).Equals(BlobDataContributor, StringComparison.OrdinalIgnoreCase) && IsDeployers(a));
        Assert.All(IdentityAssignments, a => Assert.NotEqual("User", a.Evaluate("properties", "principalType")));
    }

    private static bool IsDeployers(TemplateResource assignment) =>
        Origin(assignment.Scope, assignment.Raw("properties", "principalId")) == "main: [parameters('principalId')]";

    private bool IsSystemTopicSymbol(TemplateResource assignment)
    {
        var principal = assignment.Raw("properties", "principalId");
        return infrastructure.Template.Resources.Any(r => r.Scope == assignment.Scope
            && r.Type.Equals("Microsoft.EventGrid/systemTopics", StringComparison.OrdinalIgnoreCase)
            && principal.Contains($"'{r.SymbolicName}'", StringComparison.Ordinal));
    }

    private static string Origin(TemplateScope scope, string expression)
    {
        var (origin, originScope) = scope.OriginOf(expression);
        return $"{originScope.Path}: {origin}";
    }

    private static string RoleId(TemplateResource assignment)
    {
        var roleDefinition = assignment.Raw("properties", "roleDefinitionId");
        var call = Assert.IsType<CallNode>(ArmExpressionParser.Parse(roleDefinition[1..^1]));
        Assert.Equal("subscriptionResourceId", call.Function);
        Assert.Equal("Microsoft.Authorization/roleDefinitions", Assert.IsType<LiteralNode>(call.Arguments[0]).Value);
        return Assert.IsType<string>(Assert.IsType<LiteralNode>(call.Arguments[1]).Value);
    }

    /// <summary>
    /// The deployed identity an expression of a template points at: reference('symbol') of an identity declared in
    /// that template, or reference(resourceId('...userAssignedIdentities', name)) / resourceId(...) with a name
    /// that has the same origin as a deployed identity's name.
    /// </summary>
    private TemplateResource IdentityNamedIn(TemplateScope scope, string expression)
    {
        var text = TemplateScope.IsExpression(expression) ? expression[1..^1] : expression;
        var identities = infrastructure.Template.Deployed("Microsoft.ManagedIdentity/userAssignedIdentities");
        var node = ArmExpressionParser.Parse(text);
        while (node is MemberNode member)
        {
            node = member.Target;
        }

        var call = Assert.IsType<CallNode>(node);
        if (call.Function == "format" && call.Arguments is [LiteralNode { Value: "{0}" }, var single])
        {
            call = Assert.IsType<CallNode>(single);
        }

        if (call.Function == "reference" && call.Arguments[0] is LiteralNode { Value: string symbol })
        {
            var declared = infrastructure.Template.Resources.Single(r => r.Scope == scope && r.SymbolicName == symbol);
            Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", declared.Type);
            return declared.IsExisting ? Assert.IsType<TemplateResource>(infrastructure.Template.DeployedCounterpart(declared)) : declared;
        }

        if (call.Function == "reference")
        {
            call = Assert.IsType<CallNode>(call.Arguments[0]);
        }

        Assert.Equal("resourceId", call.Function);
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", Assert.IsType<LiteralNode>(call.Arguments[0]).Value);
        var (origin, originScope) = scope.OriginOf($"[{call.Arguments[1].Source}]");
        return Assert.Single(identities, i => ArmTemplate.OriginOfName(i) == $"{originScope.Path}: {origin}");
    }
}
