using Mlops.Infra.Tests.Repository;
using Mlops.Testing;
using YamlDotNet.RepresentationModel;

namespace Mlops.Infra.Tests;

/// <summary>CI builds, tests and checks the Bicep on every change; delivery signs in to Azure with OIDC only.</summary>
public sealed class WorkflowTests
{
    private static readonly YamlFile Ci = YamlFile.Load(RepositoryPaths.Combine(".github", "workflows", "ci.yml"));
    private static readonly YamlFile Deploy = YamlFile.Load(RepositoryPaths.Combine(".github", "workflows", "azure-dev.yml"));

    [Fact]
    public void Ci_RunsOnEveryPushAndPullRequest()
    {
        var triggers = Ci.Keys("on");
        Assert.Contains("push", triggers);
        Assert.Contains("pull_request", triggers);
        Assert.Null(Ci.Find("on", "push", "branches"));
    }

    [Fact]
    public void Ci_BuildsTestsAndCompilesTheBicep()
    {
        var commands = Runs(Ci);
        Assert.Contains(commands, c => c.Contains("scripts/bicep.sh", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("dotnet build MlopsFunctions.sln", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("dotnet test MlopsFunctions.sln", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_SignsInWithOidcFederatedCredentials()
    {
        Assert.Equal("write", Deploy.Scalar("permissions", "id-token"));
        var login = Assert.Single(Runs(Deploy), c => c.Contains("azd auth login", StringComparison.Ordinal));
        Assert.Contains("--federated-credential-provider \"github\"", login, StringComparison.Ordinal);
        Assert.DoesNotContain("--client-secret", login, StringComparison.Ordinal);
        Assert.DoesNotContain("--client-certificate", login, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_ProvisionsAndDeploysWithAzd()
    {
        var commands = Runs(Deploy);
        Assert.Contains("azd provision --no-prompt", commands);
        Assert.Contains("azd deploy --no-prompt", commands);
    }

    [Fact]
    public void Deploy_NamesItsPrincipalAServicePrincipal_ForTheDeployersRole()
    {
        // infra/main.parameters.json passes ${AZURE_PRINCIPAL_TYPE=User}: a pipeline is not a user.
        Assert.Equal("ServicePrincipal", Deploy.Scalar("jobs", "deploy", "env", "AZURE_PRINCIPAL_TYPE"));
        Assert.Contains("${AZURE_PRINCIPAL_TYPE=User}", File.ReadAllText(RepositoryPaths.Combine("infra", "main.parameters.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_ReadsOnlyVariables_NoStoredSecrets()
    {
        var expressions = Deploy.AllScalars().Where(s => s.Contains("${{", StringComparison.Ordinal)).ToList();
        Assert.All(expressions, e => Assert.DoesNotContain("secrets.", e, StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("vars.AZURE_CLIENT_ID", StringComparison.Ordinal));
    }

    private static List<string> Runs(YamlFile workflow) => workflow.Find("jobs") is YamlMappingNode jobs
        ? jobs.Children.Values.OfType<YamlMappingNode>()
            .SelectMany(job => job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) ? ((YamlSequenceNode)steps).Children : [])
            .OfType<YamlMappingNode>()
            .Select(step => step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value!.Trim() : null)
            .OfType<string>()
            .ToList()
        : [];
}
