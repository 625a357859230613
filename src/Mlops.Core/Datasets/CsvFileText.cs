using System.Text;

namespace Mlops.Core.Datasets;

/// <summary>A whole CSV file's bytes as text and back, in the encoding its dialect records.</summary>
public static class CsvFileText
{
    /// <summary>The file's text; a byte order mark is not part of it.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, CsvEncoding encoding)
    {
        switch (encoding)
        {
            case CsvEncoding.Windows1252:
                return Windows1252.GetString(bytes);
            case CsvEncoding.Utf16:
                var bigEndian = Utf16Text.IsBigEndian(bytes, out var mark);
                return (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(bytes[mark..]);
            default:
                return Encoding.UTF8.GetString(bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes);
        }
    }

    /// <summary>The text as a file in <paramref name="encoding"/>: UTF-16 little-endian with its byte order mark, which every reader of UTF-16 expects.</summary>
    public static BinaryData Encode(string text, CsvEncoding encoding) => encoding switch
    {
        CsvEncoding.Windows1252 => BinaryData.FromBytes(Windows1252.GetBytes(text)),
        CsvEncoding.Utf16 => BinaryData.FromBytes([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]),
        _ => BinaryData.FromString(text),
    };
}
