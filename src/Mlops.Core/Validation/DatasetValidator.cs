using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Training;

namespace Mlops.Core.Validation;

/// <summary>
/// The data-quality gate of a run: profiles an uploaded dataset in one pass, decides its label, task and features,
/// checks it against its thresholds (defaults, settings, the model's spec) and against the model's accepted contract,
/// and either builds the new <see cref="DataContract"/> or says why the data cannot be trained on. Errors quarantine
/// the upload; warnings pass with the finding and its mitigation recorded.
/// </summary>
public sealed class DatasetValidator(IOptions<ValidationOptions> options, TimeProvider? clock = null, IOptions<TrainingOptions>? training = null)
{
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>
    /// Validates a read dataset against its optional spec (the text of mlops.json). The report's schema is set only
    /// when there is no error: it is the input contract the run trains on.
    /// </summary>
    public ValidationReport Validate(CsvReadResult read, string? specJson) => Validate(read, specJson, previous: null);

    /// <inheritdoc cref="Validate(CsvReadResult, string?)"/>
    /// <param name="read">The dataset as <see cref="CsvDatasetReader"/> read it.</param>
    /// <param name="specJson">The text of mlops.json, or null.</param>
    /// <param name="previous">The accepted contract of the model's champion, or null for a model's first data.</param>
    public ValidationReport Validate(CsvReadResult read, string? specJson, DataContract? previous)
    {
        ArgumentNullException.ThrowIfNull(read);
        var session = Start(specJson, previous);
        if (read.Error is not null)
        {
            return session.Unreadable(read.Error);
        }

        var data = read.Dataset
            ?? throw new ArgumentException("A read result carries either a dataset or an error.", nameof(read));
        // Read before the spec was known: its words for "no value" apply now, as a read under the spec applies them.
        var dialect = data.Dialect with { MissingValues = session.DialectHint.MissingValues };
        session.Header(data.Columns);
        foreach (var row in data.Rows)
        {
            session.Row(new CsvRow(dialect.MissingValues is null ? row : [.. row.Select(cell => dialect.IsDeclaredMissing(cell) ? string.Empty : cell)]));
        }

        return session.Finish(time.GetUtcNow(), dialect);
    }

    /// <summary>
    /// Validates a CSV as it streams from <paramref name="csv"/>, in memory bounded by the longest row and the
    /// profiler's per-column bounds, whatever the file's size.
    /// </summary>
    public ValidationReport Validate(Stream csv, string? specJson, DataContract? previous = null, CancellationToken cancellationToken = default)
    {
        var session = Start(specJson, previous);
        var read = CsvDatasetReader.Read(csv, session, session.DialectHint, cancellationToken);
        if (read.Error is not null)
        {
            return session.Unreadable(read.Error);
        }

        session.Skipped(read);
        return session.Finish(time.GetUtcNow(), read.Dialect!);
    }

    /// <summary>
    /// Validates a dataset of either format as it streams from <paramref name="data"/>: a Parquet file goes through
    /// the same profile and checks as a CSV.
    /// </summary>
    public async Task<ValidationReport> ValidateAsync(Stream data, DatasetFormat format, string? specJson, DataContract? previous = null, CancellationToken cancellationToken = default)
    {
        var session = Start(specJson, previous);
        var read = await DatasetFiles.ReadAsync(data, format, session, session.DialectHint, cancellationToken);
        if (read.Error is not null)
        {
            return session.Unreadable(read.Error);
        }

        session.Skipped(read);
        return session.Finish(time.GetUtcNow(), read.Dialect!);
    }

    private ValidationSession Start(string? specJson, DataContract? previous) =>
        new(specJson, ValidationThresholds.From(options.Value), previous, training?.Value);
}
