using Mlops.Core.Datasets;

namespace Mlops.Core.Scoring;

/// <summary>How a scoring file is written, as its plan read it from the header: every chunk reads its range this way.</summary>
/// <param name="Columns">The header's column names, in order.</param>
/// <param name="Dialect">The delimiter and decimal mark.</param>
public sealed record ScoringFormat(IReadOnlyList<string> Columns, CsvDialect Dialect)
{
    /// <summary>How many of a file's first bytes <see cref="Of"/> needs to tell a UTF-16 file's byte order.</summary>
    public const int Utf16HeadBytes = Utf16Text.SniffBytes;

    /// <summary>For a UTF-16 file (<see cref="CsvDialect.Encoding"/>), its byte order: each chunk decodes its range with it.</summary>
    public bool Utf16BigEndian { get; init; }

    /// <summary>
    /// The format of a file whose header <paramref name="head"/> read, for a model trained under <paramref name="schema"/>:
    /// the file's dialect is its own, its words for "no value" the model's, as its training file had them.
    /// </summary>
    /// <param name="head">The file's header, as <see cref="CsvDatasetReader.ReadHeader"/> read it.</param>
    /// <param name="schema">The scoring version's schema.</param>
    /// <param name="fileHead">The file's first bytes (<see cref="Utf16HeadBytes"/> of them): a UTF-16 file's byte order is read there.</param>
    public static ScoringFormat Of(CsvStreamResult head, DatasetSchema schema, ReadOnlySpan<byte> fileHead = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(schema);
        if (head.Columns is null || head.Dialect is null)
        {
            throw new ArgumentException("The header was not read.", nameof(head));
        }

        return new ScoringFormat(head.Columns, head.Dialect with { MissingValues = schema.Dialect?.MissingValues })
        {
            Utf16BigEndian = head.Dialect.Encoding == CsvEncoding.Utf16 && Utf16Text.IsBigEndian(fileHead, out _),
        };
    }
}
