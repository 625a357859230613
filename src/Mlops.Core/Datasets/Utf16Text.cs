namespace Mlops.Core.Datasets;

/// <summary>
/// Tells UTF-16 text without a byte order mark from its bytes. Every CSV has ASCII characters in it (delimiters, line
/// ends, digits), which UTF-16 writes with a zero byte on one side of the pair: the low side for big-endian, the high
/// side for little-endian. UTF-8 and Windows-1252 text never holds a zero byte, so zero bytes mostly on one side and
/// hardly ever on the other are UTF-16, and a stray zero byte in a binary file is not.
/// </summary>
internal static class Utf16Text
{
    /// <summary>The bytes of a file's head that are enough to tell UTF-16 without a byte order mark.</summary>
    public const int SniffBytes = 4096;

    /// <summary>Byte pairs looked at to decide: enough for a header and a few rows.</summary>
    private const int MinPairs = 2;

    /// <summary>
    /// The byte order of a file already known to be UTF-16, from its first bytes: its byte order mark, or else where its
    /// zero bytes fall; little-endian (what Windows writes) when the bytes cannot tell.
    /// </summary>
    /// <param name="head">The file's first bytes (a few thousand are plenty).</param>
    /// <param name="mark">The byte order mark's length: 2, or 0 without one.</param>
    public static bool IsBigEndian(ReadOnlySpan<byte> head, out int mark) => ByteOrder(head, out mark) ?? false;

    /// <summary>
    /// Whether a file is UTF-16 and in which byte order, from its first bytes: true for big-endian, false for
    /// little-endian, null when neither a byte order mark nor its zero bytes say it is UTF-16.
    /// </summary>
    /// <param name="head">The file's first bytes (<see cref="SniffBytes"/> are enough).</param>
    /// <param name="mark">The byte order mark's length: 2, or 0 without one.</param>
    public static bool? ByteOrder(ReadOnlySpan<byte> head, out int mark)
    {
        var bigEndian = head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        mark = bigEndian || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? 2 : 0;
        return mark == 2 ? bigEndian : WithoutMark(head[..Math.Min(head.Length, SniffBytes)]);
    }

    /// <summary>True for big-endian, false for little-endian; null when the bytes are not UTF-16 text.</summary>
    public static bool? WithoutMark(ReadOnlySpan<byte> head)
    {
        var pairs = head.Length / 2;
        if (pairs < MinPairs)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < pairs; i++)
        {
            evenZeros += head[2 * i] == 0 ? 1 : 0;
            oddZeros += head[(2 * i) + 1] == 0 ? 1 : 0;
        }

        // A quarter of the characters ASCII on one side; on the other, at most one in a hundred (characters such as
        // U+0100-U+01FF, whose low byte can be zero, are rare).
        static bool OneSided(int zeros, int others, int pairs) => zeros * 4 >= pairs && others * 100 <= pairs;
        return OneSided(oddZeros, evenZeros, pairs) ? false
            : OneSided(evenZeros, oddZeros, pairs) ? true
            : null;
    }
}
