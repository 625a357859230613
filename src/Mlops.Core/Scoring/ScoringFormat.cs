using Mlops.Core.Datasets;

namespace Mlops.Core.Scoring;

/// <summary>How a scoring file is written, as its plan read it from the header: every chunk reads its range this way.</summary>
/// <param name="Columns">The header's column names, in order.</param>
/// <param name="Dialect">The delimiter and decimal mark.</param>
public sealed record ScoringFormat(IReadOnlyList<string> Columns, CsvDialect Dialect);
