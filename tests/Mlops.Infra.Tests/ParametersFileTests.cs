using System.Text.Json;
using Mlops.Infra.Tests.Bicep;
using Mlops.Testing;

namespace Mlops.Infra.Tests;

/// <summary>infra/main.parameters.json, which azd fills from its environment, fits main.bicep's parameters.</summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed class ParametersFileTests(CompiledInfrastructure infrastructure)
{
    private static Dictionary<string, string> ParameterValues()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "main.parameters.json")));
        return document.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").ToString());
    }

    private Dictionary<string, JsonElement> Declared() =>
        infrastructure.Template.Main.Template.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void ParametersFile_SetsOnlyParametersMainBicepDeclares()
    {
        Assert.Empty(ParameterValues().Keys.Except(Declared().Keys));
    }

    [Fact]
    public void ParametersFile_SetsEveryParameterWithoutADefault()
    {
        var required = Declared().Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Key);
        Assert.Empty(required.Except(ParameterValues().Keys));
    }

    [Fact]
    public void EnvironmentNameAndLocation_ComeFromTheAzdEnvironment()
    {
        var values = ParameterValues();
        Assert.Equal("${AZURE_ENV_NAME}", values["environmentName"]);
        Assert.Equal("${AZURE_LOCATION}", values["location"]);
    }

    [Fact]
    public void Location_IsLimitedToFlexConsumptionRegions_AndPromptedByAzd()
    {
        var location = Declared()["location"];
        var allowed = location.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();

        // azd reads the allowed list (with the location metadata) and offers only those regions at its prompt.
        Assert.Equal("location", location.GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString());
        Assert.Equal(allowed.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), allowed);
        Assert.All(allowed, region => Assert.Matches("^[a-z]+[0-9]?$", region));
        Assert.InRange(allowed.Count, 20, 60);
        Assert.Contains("eastus", allowed);
        Assert.Contains("westeurope", allowed);
        Assert.Contains("swedencentral", allowed);
        // Regions without the plan, early-access (EUAP) regions and sovereign clouds are refused.
        Assert.DoesNotContain(allowed, region => region.EndsWith("euap", StringComparison.Ordinal));
        Assert.DoesNotContain("brazilsoutheast", allowed);
        Assert.DoesNotContain("chinanorth3", allowed);
        Assert.DoesNotContain("usgovvirginia", allowed);
    }

    [Fact]
    public void Defaults_InTheParametersFile_MatchMainBicep()
    {
        // "${NAME=default}": azd uses the default when the environment does not set NAME.
        var declared = Declared();
        Assert.All(ParameterValues().Where(v => v.Value.Contains('=', StringComparison.Ordinal)), value =>
        {
            var fallback = value.Value[(value.Value.IndexOf('=', StringComparison.Ordinal) + 1)..^1];
            Assert.Equal(declared[value.Key].GetProperty("defaultValue").ToString(), fallback, ignoreCase: true);
        });
    }
}
