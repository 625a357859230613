using System.Globalization;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;

namespace Mlops.Core.Validation;

/// <summary>
/// The data-quality gate of a run: decides the label, the task and the features of an uploaded dataset, or says
/// why it cannot be trained on. Errors quarantine the upload; warnings pass with the finding recorded.
/// </summary>
public sealed class DatasetValidator(IOptions<ValidationOptions> options)
{
    /// <summary>A text column with more distinct values than this, nearly one per row, is an identifier.</summary>
    internal const int IdentifierMinDistinct = 50;

    internal const double IdentifierDistinctShare = 0.9;

    private const string DefaultLabel = "label";

    private readonly ValidationOptions settings = options.Value;

    /// <summary>
    /// Validates a read dataset against its optional spec (the text of mlops.json). The report's schema is set only
    /// when there is no error: it is the input contract the run trains on.
    /// </summary>
    public ValidationReport Validate(CsvReadResult read, string? specJson)
    {
        if (read.Error is not null)
        {
            return new ValidationReport([read.Error], null, 0, 0);
        }

        var data = read.Dataset
            ?? throw new ArgumentException("A read result carries either a dataset or an error.", nameof(read));

        var findings = new List<ValidationFinding>();
        var spec = new ModelSpec();
        if (specJson is not null)
        {
            // Without a readable spec the label and task are unknown, and findings inferred without it would
            // describe a model the user did not ask for.
            var parsed = ModelSpecParser.Parse(specJson, out var specError);
            if (specError is not null)
            {
                return new ValidationReport([specError], null, data.Rows.Count, data.Columns.Count);
            }

            spec = parsed!;
        }

        var schema = Infer(data, spec, findings);

        // Stable sort: within a severity, findings stay in column order.
        var ordered = findings.OrderByDescending(f => f.Severity).ToList();
        var passed = schema is not null && !ordered.Any(f => f.Severity == Severity.Error);
        return new ValidationReport(ordered, passed ? schema : null, data.Rows.Count, data.Columns.Count);
    }

    private DatasetSchema? Infer(CsvDataset data, ModelSpec spec, List<ValidationFinding> findings)
    {
        if (data.Rows.Count == 0)
        {
            findings.Add(Error(ValidationRules.TooFewRows, null,
                $"The file has a header but no data rows; at least {settings.MinRows} rows are needed."));
            return null;
        }

        var ignored = new HashSet<string>(spec.Ignore, StringComparer.Ordinal);
        var categorical = new HashSet<string>(spec.Categorical, StringComparer.Ordinal);
        if (!CheckSpecColumns(data, spec, findings))
        {
            return null;
        }

        var labelIndex = ResolveLabel(data, spec, ignored, findings);
        if (labelIndex < 0)
        {
            return null;
        }

        var labelName = data.Columns[labelIndex];
        var usable = Enumerable.Range(0, data.Rows.Count).Where(r => !MissingValues.IsMissing(data.Rows[r][labelIndex])).ToList();
        if (usable.Count == 0)
        {
            findings.Add(Error(ValidationRules.LabelAllMissing, labelName,
                $"Label column '{labelName}' has no value in any of the {data.Rows.Count} rows."));
            return null;
        }

        if (usable.Count < data.Rows.Count)
        {
            var dropped = data.Rows.Count - usable.Count;
            findings.Add(Warning(ValidationRules.LabelMissingValues, labelName,
                $"Label column '{labelName}' is missing in {dropped} of {data.Rows.Count} rows ({Percent((double)dropped / data.Rows.Count)}); those rows were left out."));
        }

        var label = ColumnProfile.Of(data, labelIndex, usable);
        if (label.Distinct.Count == 1)
        {
            findings.Add(Error(ValidationRules.LabelSingleValued, labelName,
                $"Label column '{labelName}' holds the single value '{label.Distinct.First()}' in every row; a model needs at least two different labels to learn from."));
            return null;
        }

        var task = LabelInference.Task(label, spec.Task, out var taskError);
        if (task is null)
        {
            findings.Add(taskError!);
            return null;
        }

        var features = InferFeatures(data, labelIndex, ignored, categorical, usable, findings);

        if (usable.Count < settings.MinRows)
        {
            findings.Add(Error(ValidationRules.TooFewRows, null,
                $"The dataset has {usable.Count} usable rows (with a label); at least {settings.MinRows} are needed to train and hold out a test set."));
        }

        // Columns rejected with an error would be features once fixed; saying there are none would mislead.
        if (features.Count == 0 && !findings.Any(f => f.Severity == Severity.Error && f.Column is not null))
        {
            findings.Add(Error(ValidationRules.NoFeatures, null,
                $"No feature column is left besides label column '{labelName}' once ignored, constant and identifier columns are set aside; a model needs at least one input."));
        }

        return new DatasetSchema(features, labelName, task.Value, LabelInference.ClassLabels(label, task.Value));
    }

    private static bool CheckSpecColumns(CsvDataset data, ModelSpec spec, List<ValidationFinding> findings)
    {
        if (spec.Label is not null && spec.Ignore.Contains(spec.Label, StringComparer.Ordinal))
        {
            findings.Add(Error(ValidationRules.InvalidSpec, spec.Label,
                $"mlops.json names '{spec.Label}' as the label and also lists it under ignore; a column cannot be both."));
            return false;
        }

        foreach (var (list, name) in new[] { (spec.Ignore, "ignore"), (spec.Categorical, "categorical") })
        {
            foreach (var column in list.Where(c => data.IndexOf(c) < 0))
            {
                // A typo here would silently keep an identifier as a feature, so it is worth saying.
                findings.Add(Warning(ValidationRules.SpecUnknownColumn, column,
                    $"mlops.json lists '{column}' under {name}, but the header has no such column; the columns are: {ListColumns(data)}."));
            }
        }

        return true;
    }

    private static int ResolveLabel(CsvDataset data, ModelSpec spec, HashSet<string> ignored, List<ValidationFinding> findings)
    {
        if (spec.Label is not null)
        {
            var index = data.IndexOf(spec.Label);
            if (index < 0)
            {
                findings.Add(Error(ValidationRules.LabelMissing, spec.Label,
                    $"mlops.json names '{spec.Label}' as the label, but the header has no such column; the columns are: {ListColumns(data)}."));
            }

            return index;
        }

        var candidates = Enumerable.Range(0, data.Columns.Count).Where(i => !ignored.Contains(data.Columns[i])).ToList();
        if (candidates.Count == 0)
        {
            findings.Add(Error(ValidationRules.LabelMissing, null,
                "mlops.json ignores every column, so none is left to be the label."));
            return -1;
        }

        // The architecture's convention: a column named "label" (exact spelling first, then any case), else the last.
        var named = candidates.Where(i => string.Equals(data.Columns[i], DefaultLabel, StringComparison.Ordinal))
            .Concat(candidates.Where(i => string.Equals(data.Columns[i], DefaultLabel, StringComparison.OrdinalIgnoreCase)));
        return named.DefaultIfEmpty(candidates[^1]).First();
    }

    private List<ColumnSchema> InferFeatures(
        CsvDataset data,
        int labelIndex,
        HashSet<string> ignored,
        HashSet<string> categorical,
        IReadOnlyList<int> rows,
        List<ValidationFinding> findings)
    {
        var features = new List<ColumnSchema>();
        for (var i = 0; i < data.Columns.Count; i++)
        {
            var name = data.Columns[i];
            if (i == labelIndex || ignored.Contains(name))
            {
                continue;
            }

            var column = ColumnProfile.Of(data, i, rows);
            if (column.Present == 0)
            {
                findings.Add(Error(ValidationRules.ColumnAllMissing, name,
                    $"Column '{name}' has no value in any of the {column.Rows} rows; remove it or list it under ignore in mlops.json."));
                continue;
            }

            if (column.MissingFraction > settings.MaxMissingFraction)
            {
                findings.Add(Error(ValidationRules.ColumnMissingRate, name,
                    $"Column '{name}' is missing {Percent(column.MissingFraction)} of its values ({column.Missing} of {column.Rows} rows); at most {Percent(settings.MaxMissingFraction)} may be missing."));
                continue;
            }

            // A column that is missing somewhere still tells rows apart through its missing-value flag.
            if (column.Distinct.Count == 1 && column.Missing == 0)
            {
                findings.Add(Warning(ValidationRules.ColumnConstant, name,
                    $"Column '{name}' holds the same value '{column.Distinct.First()}' in all {column.Rows} rows, so it cannot inform the model; it was left out."));
                continue;
            }

            var explicitlyCategorical = categorical.Contains(name);
            if (!column.AllNumeric && !explicitlyCategorical && LooksLikeIdentifier(column))
            {
                findings.Add(Warning(ValidationRules.IdentifierColumn, name,
                    $"Column '{name}' looks like an identifier ({column.Distinct.Count} distinct values in {column.Rows} rows, more than {IdentifierMinDistinct} and more than {Percent(IdentifierDistinctShare)} of rows); it was left out. List it under ignore in mlops.json to say so, or under categorical to keep it."));
                continue;
            }

            var kind = column.AllNumeric && !explicitlyCategorical ? ColumnKind.Numeric : ColumnKind.Categorical;
            features.Add(new ColumnSchema(name, kind));
        }

        return features;
    }

    private static bool LooksLikeIdentifier(ColumnProfile column) =>
        column.Distinct.Count > IdentifierMinDistinct && column.Distinct.Count > IdentifierDistinctShare * column.Rows;

    private static string ListColumns(CsvDataset data)
    {
        const int Shown = 20;
        var list = string.Join(", ", data.Columns.Take(Shown));
        return data.Columns.Count > Shown ? $"{list} and {data.Columns.Count - Shown} more" : list;
    }

    private static string Percent(double fraction) =>
        (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static ValidationFinding Error(string rule, string? column, string message) =>
        new(Severity.Error, rule, column, message);

    private static ValidationFinding Warning(string rule, string? column, string message) =>
        new(Severity.Warning, rule, column, message);
}
