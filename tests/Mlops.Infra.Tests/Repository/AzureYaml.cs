using Mlops.Testing;

namespace Mlops.Infra.Tests.Repository;

/// <summary>azure.yaml, the azd project file at the repository root.</summary>
public static class AzureYaml
{
    public static string Path => RepositoryPaths.Combine("azure.yaml");

    public static YamlFile Load() => YamlFile.Load(Path);

    /// <summary>The name of the one service azd deploys to Azure Functions (host: function).</summary>
    public static string FunctionsServiceName()
    {
        var yaml = Load();
        return Assert.Single(yaml.Keys("services"), name => yaml.Scalar("services", name, "host") == "function");
    }

    /// <summary>The name of the one service azd deploys to Azure Container Apps (host: containerapp), the serving option.</summary>
    public static string ContainerServiceName()
    {
        var yaml = Load();
        return Assert.Single(yaml.Keys("services"), name => yaml.Scalar("services", name, "host") == "containerapp");
    }
}
