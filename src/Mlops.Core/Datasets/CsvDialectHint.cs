namespace Mlops.Core.Datasets;

/// <summary>What is known of a file's dialect before reading it: each part null is detected from the file.</summary>
public readonly record struct CsvDialectHint(char? Delimiter, char? DecimalMark, DateOrder? DateOrder = null, CsvEncoding? Encoding = null)
{
    /// <summary>Nothing known: detect both.</summary>
    public static CsvDialectHint Detect => default;

    /// <summary>Read exactly as <paramref name="dialect"/> says (a load of a dataset validation already read); null detects.</summary>
    public static CsvDialectHint Exactly(CsvDialect? dialect) =>
        dialect is null ? default : new(dialect.Delimiter, dialect.DecimalMark, dialect.DateOrder, dialect.Encoding)
        {
            MissingValues = dialect.MissingValues,
            PreambleLines = dialect.PreambleLines,
        };

    /// <summary>The file's own words for "no value" (<see cref="CsvDialect.MissingValues"/>); never detected.</summary>
    public IReadOnlyList<string>? MissingValues { get; init; }

    /// <summary>Lines above the header (<see cref="CsvDialect.PreambleLines"/>); null: detected from the file.</summary>
    public int? PreambleLines { get; init; }

    public bool IsComplete => Delimiter is not null && DecimalMark is not null && DateOrder is not null && PreambleLines is not null;
}
