using Mlops.Infra.Tests.Arm;
using Mlops.Infra.Tests.Bicep;

namespace Mlops.Infra.Tests;

/// <summary>The app's managed identity gets exactly the roles the app needs, and no one else gets any.</summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class RoleAssignmentTests(CompiledInfrastructure infrastructure)
{
    /// <summary>Built-in role definition ids (the same in every tenant) and the resource type each is granted on.</summary>
    private static readonly Dictionary<string, (string Role, string Scope)> ExpectedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = ("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts"),
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = ("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = ("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", "Microsoft.Insights/components"),
    };

    private IReadOnlyList<TemplateResource> Assignments => infrastructure.Template.Deployed("Microsoft.Authorization/roleAssignments");

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
    public void EveryRoleAssignment_TargetsTheAppsManagedIdentity()
    {
        var appIdentity = AppIdentity;

        Assert.NotEmpty(Assignments);
        Assert.All(Assignments, assignment =>
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
        var granted = Assignments.Select(a => (Role: RoleId(a), Scope: a.Raw("scope"))).ToList();

        Assert.Equal(ExpectedRoles.Keys.Order(StringComparer.OrdinalIgnoreCase), granted.Select(g => g.Role).Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(granted, g => Assert.Contains($"'{ExpectedRoles[g.Role].Scope}'", g.Scope, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void RoleAssignmentNames_AreStableGuidsOfScopeIdentityAndRole()
    {
        Assert.All(Assignments, assignment =>
        {
            var name = assignment.Raw("name");
            Assert.StartsWith("[guid(", name, StringComparison.Ordinal);
            Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", name, StringComparison.Ordinal);
            Assert.Contains(RoleId(assignment), name, StringComparison.OrdinalIgnoreCase);
        });
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
