using System.Text.Json;
using Mlops.Infra.Tests.Bicep;
using Mlops.Testing;

namespace Mlops.Infra.Tests;

/// <summary>
/// infra/main.bicep compiles and lints without a single finding, with every linter rule an error in CI; for `azd up`
/// the one rule that depends on today's date is a warning.
/// </summary>
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

    /// <summary>The rule that depends on today's date: an error in CI, a warning for `azd up`.</summary>
    private const string DateDependentRule = "use-recent-api-versions";

    [Fact]
    public void BicepConfigAzdReads_RaisesEveryRuleToError_ButTheDateDependentOneToWarning()
    {
        var rules = Rules(File.ReadAllText(RepositoryPaths.Combine("infra", "bicepconfig.json")));

        Assert.True(rules.Count >= 50, $"Only {rules.Count} rules configured.");
        Assert.Equal("warning", rules[DateDependentRule]);
        Assert.All(rules.Where(r => r.Key != DateDependentRule), rule => Assert.Equal("error", rule.Value));
    }

    [Fact]
    public async Task BicepConfigCiLintsWith_RaisesEveryRuleToError()
    {
        var script = await RunScriptAsync("--ci-config");
        var rules = Rules(script);

        Assert.Equal(Rules(File.ReadAllText(RepositoryPaths.Combine("infra", "bicepconfig.json"))).Keys.Order(), rules.Keys.Order());
        Assert.All(rules, rule => Assert.Equal("error", rule.Value));
    }

    [Fact]
    public async Task AnOldApiVersion_FailsCi_ButOnlyWarnsAzd()
    {
        // The same template, linted with each configuration: an API version the rule calls old.
        var probe = Directory.CreateTempSubdirectory("mlops-lint-probe-");
        try
        {
            var azd = Path.Combine(probe.FullName, "azd");
            var ci = Path.Combine(probe.FullName, "ci");
            Directory.CreateDirectory(azd);
            Directory.CreateDirectory(ci);
            File.Copy(RepositoryPaths.Combine("infra", "bicepconfig.json"), Path.Combine(azd, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(ci, "bicepconfig.json"), await RunScriptAsync("--ci-config"));
            const string Template = """
                @description('Region.')
                param location string

                resource probe 'Microsoft.Storage/storageAccounts@2019-06-01' = {
                  name: 'stlintprobe'
                  location: location
                  kind: 'StorageV2'
                  sku: {
                    name: 'Standard_LRS'
                  }
                }
                """;
            await File.WriteAllTextAsync(Path.Combine(azd, "main.bicep"), Template);
            await File.WriteAllTextAsync(Path.Combine(ci, "main.bicep"), Template);

            var azdLint = await BicepCli.RunAsync("lint", Path.Combine(azd, "main.bicep"));
            var ciLint = await BicepCli.RunAsync("lint", Path.Combine(ci, "main.bicep"));

            Assert.True(azdLint.ExitCode == 0, azdLint.ToString());
            Assert.Contains($"Warning {DateDependentRule}", azdLint.Output, StringComparison.Ordinal);
            Assert.True(ciLint.ExitCode != 0, ciLint.ToString());
            Assert.Contains($"Error {DateDependentRule}", ciLint.Output, StringComparison.Ordinal);
        }
        finally
        {
            probe.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Rules(string bicepConfig)
    {
        using var config = JsonDocument.Parse(bicepConfig, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        Assert.True(core.GetProperty("enabled").GetBoolean());
        return core.GetProperty("rules").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetProperty("level").GetString()!);
    }

    private static async Task<string> RunScriptAsync(string argument)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(BicepCli.Script);
        start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{BicepCli.Script} {argument}: {await error}");
        return await output;
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
