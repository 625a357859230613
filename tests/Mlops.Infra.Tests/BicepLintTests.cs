using System.Text.Json;
using Mlops.Infra.Tests.Bicep;
using Mlops.Testing;

namespace Mlops.Infra.Tests;

/// <summary>infra/main.bicep compiles and lints without a single finding, with every linter rule an error.</summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class BicepLintTests(CompiledInfrastructure infrastructure)
{
    [Fact]
    public void Build_ReportsNothing()
    {
        Assert.True(infrastructure.Build.Output.Length == 0, infrastructure.Build.ToString());
    }

    [Fact]
    public async Task Lint_ReportsNothing()
    {
        var lint = await BicepCli.RunAsync("lint", CompiledInfrastructure.MainBicep);

        Assert.True(lint.ExitCode == 0 && lint.Output.Length == 0, lint.ToString());
    }

    [Fact]
    public void BicepConfig_RaisesEveryRuleToError()
    {
        using var config = JsonDocument.Parse(
            File.ReadAllText(RepositoryPaths.Combine("infra", "bicepconfig.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        var rules = core.GetProperty("rules").EnumerateObject().ToList();

        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.True(rules.Count >= 50, $"Only {rules.Count} rules configured.");
        Assert.All(rules, rule => Assert.Equal("error", rule.Value.GetProperty("level").GetString()));
    }

    [Fact]
    public void Modules_AreLocal_NoRegistryModules()
    {
        var bicepFiles = Directory.EnumerateFiles(RepositoryPaths.Combine("infra"), "*.bicep", SearchOption.AllDirectories);

        Assert.All(bicepFiles, file =>
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("'br/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'br:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts:", text, StringComparison.Ordinal);
        });
    }
}
