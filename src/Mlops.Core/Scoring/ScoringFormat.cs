using Mlops.Core.Datasets;

namespace Mlops.Core.Scoring;

/// <summary>How a scoring file is written, as its plan read it from the header: every chunk reads its range this way.</summary>
/// <param name="Columns">The header's column names, in order.</param>
/// <param name="Dialect">The delimiter and decimal mark.</param>
public sealed record ScoringFormat(IReadOnlyList<string> Columns, CsvDialect Dialect)
{
    /// <summary>
    /// The format of a file whose header <paramref name="head"/> read, for a model trained under <paramref name="schema"/>:
    /// the file's dialect is its own, its words for "no value" the model's, as its training file had them.
    /// </summary>
    public static ScoringFormat Of(CsvStreamResult head, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(schema);
        if (head.Columns is null || head.Dialect is null)
        {
            throw new ArgumentException("The header was not read.", nameof(head));
        }

        return new ScoringFormat(head.Columns, head.Dialect with { MissingValues = schema.Dialect?.MissingValues });
    }
}
