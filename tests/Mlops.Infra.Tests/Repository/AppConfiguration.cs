using System.Text.Json;
using System.Text.RegularExpressions;
using Mlops.Testing;

namespace Mlops.Infra.Tests.Repository;

/// <summary>The settings the app reads, from the files that list them.</summary>
public static partial class AppConfiguration
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>local.settings.sample.json's Values: every setting the app reads, with its local value.</summary>
    public static IReadOnlyDictionary<string, string> LocalSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")), Lenient);
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>App settings host.json reads through %name% references (e.g. the Durable task hub name).</summary>
    public static IReadOnlySet<string> HostJsonSettingReferences() =>
        SettingReference().Matches(File.ReadAllText(RepositoryPaths.Combine("host.json")))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
