namespace Mlops.Core.Datasets;

/// <summary>
/// The character encoding a CSV is written in: UTF-8 (with or without a byte order mark), or Windows-1252, what Excel
/// saves a "CSV" in on Windows in Western European and American locales. Latin-1 files read the same, as browsers read
/// them: the two differ only in bytes 0x80-0x9F, which are control codes in Latin-1 and never appear in its text.
/// </summary>
public enum CsvEncoding
{
    Utf8,
    Windows1252,
}
