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
    public void Deploy_RunsOnlyAfterCiPassedOnMain_OnTheCommitCiTested()
    {
        Assert.Equal(["workflow_dispatch", "workflow_run"], Deploy.Keys("on").Order(StringComparer.Ordinal));
        Assert.Null(Deploy.Find("on", "push"));
        Assert.Equal(Ci.Scalar("name"), Assert.Single(Sequence(Deploy, "on", "workflow_run", "workflows")));
        Assert.Equal(["completed"], Sequence(Deploy, "on", "workflow_run", "types"));
        Assert.Equal(["main"], Sequence(Deploy, "on", "workflow_run", "branches"));

        var condition = Deploy.Scalar("jobs", "deploy", "if");
        Assert.Contains("github.event.workflow_run.conclusion == 'success'", condition, StringComparison.Ordinal);
        Assert.Contains("github.event.workflow_run.event == 'push'", condition, StringComparison.Ordinal);
        Assert.Contains(Checkouts(), c => c.Contains("github.event.workflow_run.head_sha", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_IsGatedByAGitHubEnvironment()
    {
        Assert.Equal("production", Deploy.Scalar("jobs", "deploy", "environment"));
    }

    [Fact]
    public void Deploy_PreviewsProvisioning_ThenProvisions_Deploys_AndSmokeTests()
    {
        var commands = Runs(Deploy);
        var preview = commands.IndexOf("azd provision --preview --no-prompt");
        var provision = commands.IndexOf("azd provision --no-prompt");
        var deploy = commands.IndexOf("azd deploy --no-prompt");
        var smoke = commands.FindIndex(c => c.Contains("scripts/azd/smoke-test.sh", StringComparison.Ordinal));

        Assert.True(preview >= 0 && preview < provision && provision < deploy && deploy < smoke, string.Join(" | ", commands));
        var script = RepositoryPaths.Combine("scripts", "azd", "smoke-test.sh");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable.");
        }

        // Keyless: health is anonymous; the upload uses the deployer's Entra ID blob role and is followed to the
        // registered version's manifest (SecretsTests keeps function keys out of delivery scripts).
        var text = File.ReadAllText(script);
        Assert.Contains("/api/health", text, StringComparison.Ordinal);
        Assert.Contains("az storage blob upload --auth-mode login", text, StringComparison.Ordinal);
        Assert.Contains("-c datasets", text, StringComparison.Ordinal);
        Assert.Contains("/manifest.json", text, StringComparison.Ordinal);
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

    private static List<string> Sequence(YamlFile workflow, params string[] keys) => workflow.Find(keys) is YamlSequenceNode sequence
        ? sequence.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToList()
        : throw new InvalidOperationException($"{workflow.Path} has no sequence at {string.Join('.', keys)}.");

    /// <summary>The refs the deploy job checks out (actions/checkout's `with.ref`).</summary>
    private static List<string> Checkouts() => Deploy.Find("jobs", "deploy", "steps") is YamlSequenceNode steps
        ? steps.Children.OfType<YamlMappingNode>()
            .Where(step => step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && ((YamlScalarNode)uses).Value!.StartsWith("actions/checkout", StringComparison.Ordinal))
            .Select(step => step.Children.TryGetValue(new YamlScalarNode("with"), out var with) && with is YamlMappingNode w
                && w.Children.TryGetValue(new YamlScalarNode("ref"), out var reference) ? ((YamlScalarNode)reference).Value! : string.Empty)
            .ToList()
        : [];

    private static List<string> Runs(YamlFile workflow) => workflow.Find("jobs") is YamlMappingNode jobs
        ? jobs.Children.Values.OfType<YamlMappingNode>()
            .SelectMany(job => job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) ? ((YamlSequenceNode)steps).Children : [])
            .OfType<YamlMappingNode>()
            .Select(step => step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value!.Trim() : null)
            .OfType<string>()
            .ToList()
        : [];
}
