namespace Mlops.Core.Datasets;

/// <summary>
/// Decodes Windows-1252, one byte to one character: bytes below 0x80 and from 0xA0 are their own code points (ASCII and
/// Latin-1), and 0x80-0x9F are the code page's punctuation and letters (€, curly quotes, Š, œ...). The five bytes the
/// code page leaves undefined become the control code of the same value, as Windows and browsers decode them.
/// </summary>
internal static class Windows1252
{
    private static readonly char[] HighControls =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>Decodes all of <paramref name="source"/> into the start of <paramref name="destination"/>, which must be as long.</summary>
    public static void Decode(ReadOnlySpan<byte> source, Span<char> destination)
    {
        destination = destination[..source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            destination[i] = b is >= 0x80 and < 0xA0 ? HighControls[b - 0x80] : (char)b;
        }
    }

    private static readonly Dictionary<char, byte> HighBytes = HighControls.Select((c, i) => (c, (byte)(0x80 + i))).ToDictionary(p => p.c, p => p.Item2);

    /// <summary>The bytes of <paramref name="text"/>; a character the code page cannot write becomes '?', as Windows writes it.</summary>
    public static byte[] GetBytes(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            bytes[i] = c < 0x80 || (c >= 0xA0 && c <= 0xFF) ? (byte)c : HighBytes.TryGetValue(c, out var b) ? b : (byte)'?';
        }

        return bytes;
    }

    /// <summary>The text of <paramref name="source"/>.</summary>
    public static string GetString(ReadOnlySpan<byte> source) =>
        string.Create(source.Length, source, static (chars, bytes) => Decode(bytes, chars));
}
