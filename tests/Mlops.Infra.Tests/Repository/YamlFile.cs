using YamlDotNet.RepresentationModel;

namespace Mlops.Infra.Tests.Repository;

/// <summary>A YAML file (azure.yaml, a GitHub workflow) read as a tree.</summary>
public sealed class YamlFile
{
    private YamlFile(string path, YamlNode root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public YamlNode Root { get; }

    public static YamlFile Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new YamlFile(path, stream.Documents.Single().RootNode);
    }

    /// <summary>The node at a path of mapping keys, or null.</summary>
    public YamlNode? Find(params string[] keys)
    {
        var node = Root;
        foreach (var key in keys)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The scalar at a path of mapping keys.</summary>
    public string Scalar(params string[] keys) => Find(keys) is YamlScalarNode { Value: { } value }
        ? value
        : throw new InvalidOperationException($"{Path} has no scalar at {string.Join('.', keys)}.");

    /// <summary>The keys of the mapping at a path.</summary>
    public IReadOnlyList<string> Keys(params string[] keys) => Find(keys) is YamlMappingNode mapping
        ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).ToList()
        : throw new InvalidOperationException($"{Path} has no mapping at {string.Join('.', keys)}.");

    /// <summary>Every scalar in the file (keys and values).</summary>
    public IEnumerable<string> AllScalars() => Root.AllNodes.OfType<YamlScalarNode>().Select(n => n.Value ?? string.Empty);
}
