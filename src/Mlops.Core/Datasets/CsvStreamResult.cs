using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>The outcome of streaming a CSV through a sink: what was read, or the one error that makes it unreadable.</summary>
/// <param name="Columns">The header; null when the file has none or could not be read.</param>
/// <param name="Rows">Data rows handed to the sink.</param>
/// <param name="Error">Why the file cannot be used (Severity.Error); null on success. Rows seen before it are void.</param>
public sealed record CsvStreamResult(IReadOnlyList<string>? Columns, long Rows, ValidationFinding? Error)
{
    /// <summary>How the file was read (detected, or as the caller said); null when it could not be read.</summary>
    public CsvDialect? Dialect { get; init; }

    /// <summary>
    /// Lines before the header that are neither names nor data: Excel's "sep=;" line (<see cref="DelimiterHintLine"/>)
    /// and a title or notes above the table (<see cref="CsvDialect.PreambleLines"/>).
    /// </summary>
    public int LeadingRows { get; init; }

    /// <summary>The title or notes detection found above the header, as written; empty when none (or not detected in this read).</summary>
    public IReadOnlyList<string> Preamble { get; init; } = [];

    /// <summary>Lines after the header that repeat it (files joined end to end, each with its header): skipped, not rows.</summary>
    public long RepeatedHeaders { get; init; }

    /// <summary>The line of the first of <see cref="RepeatedHeaders"/>; 0 when there is none.</summary>
    public long FirstRepeatedHeaderLine { get; init; }
}
