namespace Mlops.Core.Datasets;

/// <summary>
/// The character encoding a CSV is written in: UTF-8 (with or without a byte order mark), Windows-1252, what Excel
/// saves a "CSV" in on Windows in Western European and American locales, or UTF-16, what SQL Server Management Studio,
/// Windows PowerShell's redirection and Excel's "Unicode Text" write. Latin-1 files read the same as Windows-1252, as
/// browsers read them: the two differ only in bytes 0x80-0x9F, which are control codes in Latin-1 and never appear in
/// its text. UTF-16 is always detected from the file (its byte order mark, or the zero bytes its ASCII characters
/// carry), little- or big-endian alike.
/// </summary>
public enum CsvEncoding
{
    Utf8,
    Windows1252,
    Utf16,
}
