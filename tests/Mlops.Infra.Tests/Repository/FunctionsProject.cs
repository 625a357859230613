using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Mlops.Testing;

namespace Mlops.Infra.Tests.Repository;

/// <summary>
/// The Functions app project (src/Mlops.Functions). This test project references it without its assembly
/// (ReferenceOutputAssembly=false), so building the tests builds it first, in the same configuration.
/// </summary>
public static class FunctionsProject
{
    public static string Directory => RepositoryPaths.Combine("src", "Mlops.Functions");

    public static string ProjectFile => Path.Combine(Directory, "Mlops.Functions.csproj");

    /// <summary>The build configuration of these tests (Debug, Release), which the referenced project shares.</summary>
    public static string Configuration =>
        typeof(FunctionsProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;

    /// <summary>The project's TargetFramework, from its file or the Directory.Build.props it imports.</summary>
    public static string TargetFramework => MsBuildProperty(ProjectFile, "TargetFramework")
        ?? throw new InvalidOperationException($"No TargetFramework for {ProjectFile}.");

    /// <summary>The .NET version of the target framework, e.g. net10.0 -> 10.0.</summary>
    public static string DotnetVersion => TargetFramework.StartsWith("net", StringComparison.Ordinal)
        ? TargetFramework[3..]
        : throw new InvalidOperationException($"Unexpected target framework {TargetFramework}.");

    public static string OutputDirectory => Path.Combine(Directory, "bin", Configuration, TargetFramework);

    /// <summary>functions.metadata, written by the Functions worker SDK when the project builds.</summary>
    public static string FunctionsMetadata => Path.Combine(OutputDirectory, "functions.metadata");

    /// <summary>The functions of the built app, from functions.metadata.</summary>
    public static IReadOnlyList<JsonElement> Functions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FunctionsMetadata));
        return document.RootElement.EnumerateArray().Select(f => f.Clone()).ToList();
    }

    /// <summary>A property set in a project file or, if not there, in the Directory.Build.props files above it.</summary>
    public static string? MsBuildProperty(string projectFile, string name)
    {
        var fromProject = PropertyIn(projectFile, name);
        if (fromProject is not null)
        {
            return fromProject;
        }

        for (var dir = new DirectoryInfo(Path.GetDirectoryName(projectFile)!); dir is not null; dir = dir.Parent)
        {
            var props = Path.Combine(dir.FullName, "Directory.Build.props");
            if (File.Exists(props) && PropertyIn(props, name) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static string? PropertyIn(string file, string name) =>
        XDocument.Load(file).Descendants(name).Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0);
}
