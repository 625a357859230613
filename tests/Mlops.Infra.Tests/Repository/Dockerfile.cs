using System.Text.RegularExpressions;
using Mlops.Testing;

namespace Mlops.Infra.Tests.Repository;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments, continuation lines joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>
/// src/Mlops.Functions/Dockerfile, the Functions app's image for the Container Apps option, read as instructions.
/// There is no Docker engine on our machines: its content is what the tests can check.
/// </summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    public static string Path => System.IO.Path.Combine(FunctionsProject.Directory, "Dockerfile");

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The image each stage starts from, in order.</summary>
    public IReadOnlyList<string> StageImages => Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments.Split(' ')[0]).ToList();

    /// <summary>The image the container runs: the last stage's.</summary>
    public string RuntimeImage => StageImages[^1];

    /// <summary>The instructions of the last stage, the one that becomes the image.</summary>
    public IEnumerable<DockerInstruction> RuntimeStage => Instructions.Where(i => i.Stage == StageImages.Count - 1);

    /// <summary>ENV of the last stage, name to value (both `ENV a=b c=d` and `ENV a b`).</summary>
    public IReadOnlyDictionary<string, string> RuntimeEnvironment => RuntimeStage.Where(i => i.Keyword == "ENV")
        .SelectMany(i => i.Arguments.Contains('=', StringComparison.Ordinal)
            ? EnvPair().Matches(i.Arguments).Select(m => (m.Groups["name"].Value, m.Groups["value"].Value))
            : [(i.Arguments.Split(' ', 2)[0], i.Arguments.Split(' ', 2)[1])])
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    public static Dockerfile Load()
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = string.Empty;
        foreach (var raw in File.ReadAllLines(Path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            var text = (pending + line).Trim();
            pending = string.Empty;
            var parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var keyword = parts[0].ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, parts.Length > 1 ? WhiteSpace().Replace(parts[1], " ") : string.Empty, stage));
        }

        return new Dockerfile(instructions);
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

/// <summary>.dockerignore at the repository root (the build context): which paths the build never sees.</summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<Regex> patterns;

    private DockerIgnore(IReadOnlyList<Regex> patterns) => this.patterns = patterns;

    public static string Path => RepositoryPaths.Combine(".dockerignore");

    public static DockerIgnore Load() => new(File.ReadAllLines(Path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(ToRegex)
        .ToList());

    /// <summary>Whether a path relative to the context ('/' separated) is left out, itself or through a folder above it.</summary>
    public bool Excludes(string relativePath)
    {
        var segments = relativePath.Split('/');
        return Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n))).Any(p => patterns.Any(r => r.IsMatch(p)));
    }

    /// <summary>Docker's pattern syntax (Go filepath.Match, plus ** for any number of folders) as a regular expression.</summary>
    private static Regex ToRegex(string pattern)
    {
        var text = Regex.Escape(pattern.TrimStart('/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex($"^{text}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
