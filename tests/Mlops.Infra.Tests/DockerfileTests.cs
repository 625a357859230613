using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mlops.Infra.Tests.Bicep;
using Mlops.Infra.Tests.Repository;
using Mlops.Testing;

namespace Mlops.Infra.Tests;

/// <summary>
/// The Functions app's image (src/Mlops.Functions/Dockerfile) builds on the official images for the .NET version the app
/// targets, publishes the Functions project with the repository's central package management, runs as a non-root user
/// on the port the container app's ingress targets, and carries no secret. No Docker engine here: checked as text.
/// </summary>
[Collection(CompiledInfrastructureDefinition.Name)]
public sealed partial class DockerfileTests(CompiledInfrastructure infrastructure)
{
    private static readonly Dockerfile Image = Dockerfile.Load();

    [Fact]
    public void Stages_AreTheSdkForTheBuild_AndTheFunctionsIsolatedImageForTheRun_OnTheAppsDotnetVersion()
    {
        Assert.Equal(
            [$"mcr.microsoft.com/dotnet/sdk:{FunctionsProject.DotnetVersion}", $"mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated{FunctionsProject.DotnetVersion}"],
            Image.StageImages);
    }

    [Fact]
    public void Build_PublishesTheFunctionsProject_WithCentralPackageManagement()
    {
        var copied = Image.Instructions.TakeWhile(i => i.Keyword != "RUN").Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ')[..^1]).ToList();
        var publish = Assert.Single(Image.Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var project = Path.GetRelativePath(RepositoryPaths.Root, FunctionsProject.ProjectFile).Replace('\\', '/');

        Assert.Contains($"dotnet publish {project} ", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("--configuration Release", publish.Arguments, StringComparison.Ordinal);
        // Restore reads these from the repository root; without them versions would float or fail to resolve.
        Assert.Contains("Directory.Build.props", copied);
        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("host.json", copied);
        Assert.Contains("src/", copied);

        // The dashboard's build embeds Chart.js from node_modules: the pinned packages, and npm to install them.
        Assert.Contains("package.json", copied);
        Assert.Contains("package-lock.json", copied);
        var npm = Assert.Single(Image.Instructions, i => i.Keyword == "RUN" && i.Arguments.StartsWith("npm ci", StringComparison.Ordinal));
        Assert.True(Image.Instructions.ToList().IndexOf(npm) < Image.Instructions.ToList().IndexOf(publish), "npm ci must run before dotnet publish.");
        Assert.Equal("true", FunctionsProject.MsBuildProperty(FunctionsProject.ProjectFile, "ManagePackageVersionsCentrally"));
        Assert.All(["Directory.Build.props", "Directory.Packages.props", "host.json"], file => Assert.True(File.Exists(RepositoryPaths.Combine(file)), file));
        Assert.False(File.Exists(RepositoryPaths.Combine("NuGet.config")) || File.Exists(RepositoryPaths.Combine("nuget.config")), "A NuGet.config must be copied into the build too.");
    }

    [Fact]
    public void Runtime_HasTheFunctionsHostSettings_AndTheAppUnderWwwroot()
    {
        var environment = Image.RuntimeEnvironment;

        Assert.Equal("/home/site/wwwroot", environment["AzureWebJobsScriptRoot"]);
        Assert.Equal("true", environment["AzureFunctionsJobHost__Logging__Console__IsEnabled"]);
        Assert.Contains(Image.RuntimeStage, i => i.Keyword == "COPY" && i.Arguments == "--from=build /publish /home/site/wwwroot");
    }

    [Fact]
    public void Runtime_RunsAsANonRootUser()
    {
        var user = Assert.IsType<DockerInstruction>(Image.RuntimeStage.LastOrDefault(i => i.Keyword == "USER"));

        Assert.NotEqual("root", user.Arguments.Split(':')[0]);
        Assert.NotEqual("0", user.Arguments.Split(':')[0]);
        // The folders the host writes under HOME belong to that user, or it could not start.
        var chown = Assert.Single(Image.RuntimeStage, i => i.Keyword == "RUN" && i.Arguments.Contains("chown", StringComparison.Ordinal));
        Assert.Contains($"chown -R {user.Arguments}:{user.Arguments} ", chown.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_TheHostListensOn_IsExposed_AndIsTheIngressTarget()
    {
        var port = long.Parse(Url().Match(Image.RuntimeEnvironment["ASPNETCORE_URLS"]).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var module = infrastructure.Template.Resources.Single(r => r.SymbolicName == "containerApps" && r.Type == "Microsoft.Resources/deployments");

        // Not 80: a non-root process cannot bind it.
        Assert.True(port > 1024, $"port {port}");
        Assert.Equal($"{port}", Assert.Single(Image.RuntimeStage, i => i.Keyword == "EXPOSE").Arguments);
        Assert.Equal(port, module.Evaluate("properties", "parameters", "targetPort", "value"));
    }

    [Fact]
    public void Image_CarriesNoSecret()
    {
        var secretLike = SecretName();

        Assert.DoesNotContain(Image.Instructions, i => i.Keyword is "ENV" or "ARG" && secretLike.IsMatch(i.Arguments));
        Assert.DoesNotContain(Image.Instructions, i => i.Arguments.Contains("AzureWebJobsStorage=", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Image.Instructions, i => i.Keyword == "COPY" && i.Arguments.Contains("local.settings", StringComparison.OrdinalIgnoreCase));
        Assert.True(DockerIgnore.Load().Excludes("src/Mlops.Functions/local.settings.json"));
    }

    [Fact]
    public void DockerIgnore_SendsWhatTheBuildReads_AndNotTheRest()
    {
        var ignore = DockerIgnore.Load();

        Assert.All(["bin", "src/Mlops.Core/obj", "src/Mlops.Functions/bin/Debug", "tests", ".git", "node_modules", ".azurite", "samples"], path =>
            Assert.True(ignore.Excludes(path), $"{path} is sent to the build."));
        Assert.All(BuildInputs(), path => Assert.False(ignore.Excludes(path), $"{path} is left out of the build, which needs it."));
    }

    /// <summary>What the build reads: the files copied by name and every project the Functions project references, transitively.</summary>
    private static IEnumerable<string> BuildInputs()
    {
        var projects = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([FunctionsProject.ProjectFile]);
        while (pending.TryPop(out var project))
        {
            if (!projects.Add(Path.GetFullPath(project)))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                pending.Push(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)));
            }
        }

        Assert.True(projects.Count >= 4, string.Join(", ", projects));
        return projects.Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'))
            .Concat(["Directory.Build.props", "Directory.Packages.props", ".editorconfig", "host.json", "src/Mlops.Functions/Program.cs"]);
    }

    [GeneratedRegex(@"key|secret|password|token|connection", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^https?://[^:]+:(?<port>\d+)$")]
    private static partial Regex Url();
}
