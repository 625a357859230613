using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Mlops.Functions.Dashboard;

/// <summary>
/// The dashboard's static files, embedded in this assembly under <see cref="ResourcePrefix"/> at build time (the site
/// and the vendored Chart.js, see Mlops.Functions.csproj). Only these are ever served: a path is a key of this map, never
/// a file-system path, so nothing outside the embedded set can be reached whatever a request's path holds.
/// </summary>
public sealed class DashboardFiles
{
    public const string ResourcePrefix = "dashboard/";

    public const string IndexPath = "index.html";

    private readonly Dictionary<string, DashboardFile> files;

    public DashboardFiles()
        : this(typeof(DashboardFiles).Assembly)
    {
    }

    public DashboardFiles(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var types = new FileExtensionContentTypeProvider();
        files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[ResourcePrefix.Length..], types))
            .ToDictionary(f => f.Path, StringComparer.Ordinal);
    }

    /// <summary>Every served path, relative to the dashboard's root.</summary>
    public IReadOnlyCollection<string> Paths => files.Keys;

    /// <summary>The file at <paramref name="path"/> (case-sensitive, as URLs are), the index for an empty path.</summary>
    public DashboardFile? Find(string? path) =>
        files.GetValueOrDefault(string.IsNullOrEmpty(path) ? IndexPath : path);

    private static DashboardFile Load(Assembly assembly, string resource, string path, FileExtensionContentTypeProvider types)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";

        // Text is UTF-8 everywhere in the site; saying so spares the browser a guess.
        var contentType = type.StartsWith("text/", StringComparison.Ordinal) || type == "application/json" ? type + "; charset=utf-8" : type;
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"";
        return new DashboardFile(path, contentType, content, etag);
    }
}
