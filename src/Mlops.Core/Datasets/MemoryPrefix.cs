namespace Mlops.Core.Datasets;

/// <summary>Hands out what a reader took ahead of its consumer (to detect an encoding or a dialect) before the rest.</summary>
internal static class MemoryPrefix
{
    /// <summary>Copies as much of <paramref name="prefix"/> as fits into <paramref name="destination"/> and drops it from the prefix.</summary>
    public static int Take<T>(ref ReadOnlyMemory<T> prefix, Span<T> destination)
    {
        var n = Math.Min(destination.Length, prefix.Length);
        prefix.Span[..n].CopyTo(destination);
        prefix = prefix[n..];
        return n;
    }
}
