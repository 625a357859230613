using System.Xml.Linq;
using Mlops.Infra.Tests.Repository;
using Mlops.Testing;

namespace Mlops.Infra.Tests;

/// <summary>azure.yaml names the Functions project, which exists, builds with the solution and is a function app.</summary>
public sealed class AzureYamlTests
{
    private static readonly YamlFile Yaml = AzureYaml.Load();

    private static string Service => AzureYaml.FunctionsServiceName();

    private static string ProjectDirectory =>
        Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Yaml.Scalar("services", Service, "project")));

    [Fact]
    public void FunctionsService_IsADotnetFunctionApp()
    {
        Assert.Equal("function", Yaml.Scalar("services", Service, "host"));
        Assert.Equal("dotnet", Yaml.Scalar("services", Service, "language"));
    }

    [Fact]
    public void FunctionsService_ProjectIsSrcMlopsFunctions()
    {
        Assert.Equal(Path.GetFullPath(FunctionsProject.Directory), ProjectDirectory);
        Assert.True(File.Exists(FunctionsProject.ProjectFile), $"{FunctionsProject.ProjectFile} does not exist.");
    }

    [Fact]
    public void FunctionsProject_IsAnIsolatedWorkerFunctionApp()
    {
        var project = Assert.Single(Directory.GetFiles(ProjectDirectory, "*.csproj"));
        var xml = XDocument.Load(project);

        Assert.Equal("Exe", FunctionsProject.MsBuildProperty(project, "OutputType"));
        Assert.Equal("v4", FunctionsProject.MsBuildProperty(project, "AzureFunctionsVersion"));
        Assert.Contains(
            xml.Descendants("PackageReference").Select(r => (string?)r.Attribute("Include")),
            name => name == "Microsoft.Azure.Functions.Worker.Sdk");
    }

    [Fact]
    public void FunctionsProject_IsInTheSolutionCiBuilds()
    {
        var solution = File.ReadAllText(RepositoryPaths.Combine("MlopsFunctions.sln"));
        var relative = Path.GetRelativePath(RepositoryPaths.Root, FunctionsProject.ProjectFile).Replace('/', '\\');

        Assert.Contains($"\"{relative}\"", solution, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionsProject_Builds_IntoAFunctionAppWithItsFunctions()
    {
        // This test project references the Functions project (without its assembly): the build that made
        // these tests built it, in the same configuration, and the worker SDK wrote functions.metadata.
        Assert.True(File.Exists(FunctionsProject.FunctionsMetadata), $"{FunctionsProject.FunctionsMetadata} is missing: the Functions project did not build.");
        Assert.True(File.Exists(Path.Combine(FunctionsProject.OutputDirectory, "host.json")), "host.json is not in the build output.");
        Assert.Contains(FunctionsProject.Functions(), f => f.GetProperty("name").GetString() == "DatasetUploaded");
    }

    [Fact]
    public void RequiredAzdVersions_AreABoundedRange()
    {
        // azd refuses to load the project outside this range: a lower bound (features the template relies on) and
        // an upper bound (a new major version is tried before users get it).
        var range = Yaml.Scalar("requiredVersions", "azd");
        var bounds = range.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, bounds.Length);
        var lower = Assert.Single(bounds, b => b.StartsWith(">=", StringComparison.Ordinal));
        var upper = Assert.Single(bounds, b => b.StartsWith('<') && !b.StartsWith("<=", StringComparison.Ordinal));
        Assert.True(Version.Parse(lower[2..]) >= new Version(1, 17, 0), range);
        Assert.True(Version.Parse(upper[1..]) > Version.Parse(lower[2..]), range);
        Assert.Equal(Version.Parse(lower[2..]).Major + 1, Version.Parse(upper[1..]).Major);
    }

    [Fact]
    public void Infra_IsMainBicep()
    {
        Assert.Equal("bicep", Yaml.Scalar("infra", "provider"));
        var module = Path.Combine(RepositoryPaths.Root, Yaml.Scalar("infra", "path"), Yaml.Scalar("infra", "module") + ".bicep");
        Assert.True(File.Exists(module), $"{module} does not exist.");
    }

    [Fact]
    public void PostdeployHook_RunsScriptsThatExist()
    {
        var posix = Path.Combine(RepositoryPaths.Root, Yaml.Scalar("hooks", "postdeploy", "posix", "run"));
        var windows = Path.Combine(RepositoryPaths.Root, Yaml.Scalar("hooks", "postdeploy", "windows", "run"));

        Assert.True(File.Exists(posix), $"{posix} does not exist.");
        Assert.True(File.Exists(windows), $"{windows} does not exist.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(posix).HasFlag(UnixFileMode.UserExecute), $"{posix} is not executable.");
        }

        Assert.Contains("azd provision", File.ReadAllText(posix), StringComparison.Ordinal);
        Assert.Contains("BLOB_EVENT_SUBSCRIPTION_ENABLED", File.ReadAllText(posix), StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerService_BuildsTheDockerfile_OfTheSameProject_InTheRegistry()
    {
        var container = AzureYaml.ContainerServiceName();
        var project = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Yaml.Scalar("services", container, "project")));

        Assert.Equal(ProjectDirectory, project);
        Assert.Equal("dotnet", Yaml.Scalar("services", container, "language"));
        Assert.Equal(Path.GetFullPath(Dockerfile.Path), Path.GetFullPath(Path.Combine(project, Yaml.Scalar("services", container, "docker", "path"))));
        // The context is the repository root: restore reads its Directory.*.props and host.json, and .dockerignore there.
        Assert.Equal(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(RepositoryPaths.Root)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(project, Yaml.Scalar("services", container, "docker", "context")))));
        Assert.True(File.Exists(DockerIgnore.Path), $"{DockerIgnore.Path} is missing.");
        // Built by Azure Container Registry: no Docker engine is needed where azd runs.
        Assert.Equal("true", Yaml.Scalar("services", container, "docker", "remoteBuild"));
    }

    [Fact]
    public void Services_AreDeployedOnlyWhereProvisioningPutTheirHost()
    {
        // azd deploys a service only when its condition is truthy; provisioning writes these outputs, and before the first
        // provisioning the defaults pick Flex Consumption, the template's default.
        Assert.Equal("${SERVICE_FUNCTIONS_ENABLED=true}", Yaml.Scalar("services", Service, "condition"));
        Assert.Equal("${SERVICE_FUNCTIONS_CONTAINER_ENABLED=false}", Yaml.Scalar("services", AzureYaml.ContainerServiceName(), "condition"));
        var main = File.ReadAllText(RepositoryPaths.Combine("infra", "main.bicep"));
        Assert.Contains("output SERVICE_FUNCTIONS_ENABLED bool = onFlexConsumption", main, StringComparison.Ordinal);
        Assert.Contains("output SERVICE_FUNCTIONS_CONTAINER_ENABLED bool = !onFlexConsumption", main, StringComparison.Ordinal);
        Assert.Contains($"var containerServiceName = '{AzureYaml.ContainerServiceName()}'", main, StringComparison.Ordinal);
        // condition is honoured from azd 1.23.4; an older azd would deploy both services.
        Assert.True(Version.Parse(Yaml.Scalar("requiredVersions", "azd").Split(' ')[0][2..]) >= new Version(1, 23, 4));
    }
}
