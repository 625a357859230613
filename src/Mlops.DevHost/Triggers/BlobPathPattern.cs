namespace Mlops.DevHost.Triggers;

/// <summary>
/// A blob trigger path such as "datasets/{model}/{name}": the container, then segments that are literals or
/// named values. As in the Functions host, each value matches one path segment.
/// </summary>
public sealed class BlobPathPattern
{
    private readonly string[] segments;

    private BlobPathPattern(string container, string[] segments)
    {
        Container = container;
        this.segments = segments;
    }

    public string Container { get; }

    public static BlobPathPattern Parse(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var parts = pattern.Split('/');
        return new BlobPathPattern(parts[0], parts[1..]);
    }

    /// <summary>The named values of a blob name inside the container, or null when it does not fit the pattern.</summary>
    public IReadOnlyDictionary<string, string>? Match(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var parts = blobName.Split('/');
        if (parts.Length != segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var segment = segments[i];
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                values[segment[1..^1]] = parts[i];
            }
            else if (!string.Equals(segment, parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return values;
    }
}
