using System.Globalization;
using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Profiling;
using Mlops.Core.Training;

namespace Mlops.Core.Validation;

/// <summary>
/// One validation from start to report. It receives the CSV as it streams: the header decides the label and what to
/// profile, the rows feed the profiler, and at the end the checks judge the profile and the accepted contract is built.
/// </summary>
internal sealed class ValidationSession : ICsvRowSink
{
    private const string DefaultLabel = "label";

    private readonly ValidationContext? context;
    private readonly ValidationFinding? specError;
    private readonly ProfilerSettings settings = new();
    private readonly TrainingOptions? training;
    private IReadOnlyList<string> header = [];
    private DatasetProfiler? profiler;
    private DatasetProfile? profiled;
    private string? label;
    private long rows;

    /// <param name="specJson">The text of mlops.json, or null.</param>
    /// <param name="defaults">The thresholds before the spec's own.</param>
    /// <param name="previous">The champion's accepted contract, or null.</param>
    /// <param name="training">What training will hold in memory, to say when it will train on a sample; null not to.</param>
    public ValidationSession(string? specJson, ValidationThresholds defaults, DataContract? previous, TrainingOptions? training = null)
    {
        this.training = training;
        var spec = new ModelSpec();
        if (specJson is not null)
        {
            // Without a readable spec the label and task are unknown, and findings inferred without it would
            // describe a model the user did not ask for.
            var parsed = ModelSpecParser.Parse(specJson, out specError);
            if (specError is not null)
            {
                return;
            }

            spec = parsed!;
        }

        context = new ValidationContext(spec, defaults.With(spec.Thresholds), previous);
    }

    /// <summary>
    /// What the spec says of the file's dialect (its delimiter, decimal mark, date order, encoding and words for "no
    /// value"), for the reader.
    /// </summary>
    public CsvDialectHint DialectHint => new(context?.Spec.Delimiter, context?.Spec.DecimalMark, context?.Spec.DateOrder, context?.Spec.Encoding)
    {
        MissingValues = context?.Spec.MissingValues is { Count: > 0 } missing ? missing : null,
    };

    public void Header(IReadOnlyList<string> columns)
    {
        header = columns;
        if (context is null || !CheckSpecColumns(context))
        {
            return;
        }

        ContractComparison.CheckColumns(context, columns);
        label = ResolveLabel(context);
        if (label is null)
        {
            return;
        }

        var skipped = context.Spec.Ignore.Concat(context.Spec.Id).Where(c => c != label).ToArray();
        profiler = new DatasetProfiler(settings with { Label = label, Skip = skipped });
        profiler.Header(columns);
    }

    public void Row(CsvRow row)
    {
        rows++;
        profiler?.Row(row);
    }

    /// <summary>What the reader skipped and the report should say: a title above the header, lines that repeat it.</summary>
    public void Skipped(CsvStreamResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (context is null)
        {
            return;
        }

        if (read.Preamble.Count > 0)
        {
            var shown = string.Join(", ", read.Preamble.Take(3).Select(line => $"'{(line.Length > 60 ? line[..60] + "..." : line)}'"));
            context.Warning(ValidationRules.PreambleSkipped, null,
                $"{ValidationContext.Count(read.Preamble.Count)} line(s) above the header were taken for a title or notes and skipped: {shown}{(read.Preamble.Count > 3 ? ", ..." : string.Empty)}. If one of them is the header, remove the lines above it and upload again.",
                read.Preamble.Count, 0);
        }

        if (read.RepeatedHeaders == 0)
        {
            return;
        }

        var more = read.RepeatedHeaders > 1 ? $", as were {ValidationContext.Count(read.RepeatedHeaders - 1)} more such lines" : string.Empty;
        context.Warning(ValidationRules.HeaderRepeated, null,
            $"Line {read.FirstRepeatedHeaderLine.ToString(CultureInfo.InvariantCulture)} repeats the header, as files joined end to end each bring theirs; it is not data and was skipped{more}.",
            read.RepeatedHeaders, 0);
    }

    /// <summary>The report of a file that could not be read (with the spec's own error, if any).</summary>
    public ValidationReport Unreadable(ValidationFinding readError) =>
        new([readError, .. specError is null ? Array.Empty<ValidationFinding>() : [specError]], null, 0, 0);

    /// <param name="now">When the contract is made.</param>
    /// <param name="dialect">How the file was read; recorded in the schema, so training and serving read it the same way.</param>
    public ValidationReport Finish(DateTimeOffset now, CsvDialect dialect)
    {
        if (context is null)
        {
            return new ValidationReport([specError!], null, Rows, header.Count);
        }

        var schema = Judge(context) is { } judged ? judged with { Dialect = dialect } : null;
        var ordered = context.Findings.OrderByDescending(f => f.Severity).ToList();
        var passed = schema is not null && !context.HasErrors;
        return new ValidationReport(ordered, passed ? schema : null, Rows, header.Count)
        {
            Mitigations = context.Mitigations,
            Contract = passed ? Contract(context, schema!, now) : null,
        };
    }

    private int Rows => (int)Math.Min(rows, int.MaxValue);

    /// <summary>Runs the checks; returns the schema the data yields, or null when it yields none.</summary>
    private DatasetSchema? Judge(ValidationContext context)
    {
        var thresholds = context.Thresholds;
        if (rows == 0)
        {
            context.Error(ValidationRules.TooFewRows, null,
                $"The file has a header but no data rows; at least {thresholds.MinRows} rows are needed.", 0, thresholds.MinRows);
            return null;
        }

        if (profiler is null || label is null)
        {
            // The spec or the label failed, and said so.
            return null;
        }

        var profile = profiler.Complete();
        if (profile.Rows == 0)
        {
            context.Error(ValidationRules.LabelAllMissing, label,
                $"Label column '{label}' has no value in any of the {ValidationContext.Count(rows)} rows.");
            return null;
        }

        if (profile.UnlabelledRows > 0)
        {
            var share = (double)profile.UnlabelledRows / rows;
            context.Warning(ValidationRules.LabelMissingValues, label,
                $"Label column '{label}' is missing in {ValidationContext.Count(profile.UnlabelledRows)} of {ValidationContext.Count(rows)} rows ({ValidationContext.Percent(share)}); those rows were left out.",
                share);
            context.Mitigate(MitigationKinds.DropUnlabelledRows, label, $"{ValidationContext.Count(profile.UnlabelledRows)} rows have no label.");
        }

        var target = profile.Find(label)!;
        if (target.DistinctCount == 1)
        {
            context.Error(ValidationRules.LabelSingleValued, label,
                $"Label column '{label}' holds the single value '{target.TopValues[0].Value}' in every row; a model needs at least two different labels to learn from.");
            return null;
        }

        var task = LabelInference.Task(target, context.Spec.Task, out var taskError);
        if (task is null)
        {
            context.Findings.Add(taskError!);
            return null;
        }

        if (context.Spec.Task is null && task == MlTask.MulticlassClassification && target.AllIntegers)
        {
            // Whole numbers from a small set read as classes; a rating or a count is as often meant as a number.
            var classes = LabelInference.ClassLabels(target, task.Value);
            if (classes.Count > 0)
            {
                context.Info(ValidationRules.LabelAsClasses, label,
                    $"Label '{label}' holds {classes.Count} whole numbers ({classes[0]} to {classes[^1]}), so it is trained as {classes.Count} classes, each predicted with its probability. If they are a quantity or a score to predict as a number, say \"task\": \"regression\" in the model's spec (PUT /api/models/{{model}}/spec) and train the file again (POST /api/datasets/{{model}}?retrain=true).");
            }
        }

        var features = FeatureSelection.Select(context, profile, label);
        CheckPrimaryMetric(context, task.Value);
        CheckPositiveClass(context, target, task.Value);
        if (profile.Rows < thresholds.MinRows)
        {
            context.Error(ValidationRules.TooFewRows, null,
                $"The dataset has {ValidationContext.Count(profile.Rows)} usable rows (with a label); at least {ValidationContext.Count(thresholds.MinRows)} are needed to train and hold out a test set.",
                profile.Rows, thresholds.MinRows);
        }

        // Columns rejected with an error would be features once fixed; saying there are none would mislead.
        if (features.Count == 0 && !context.Findings.Any(f => f.Severity == Severity.Error && f.Column is not null))
        {
            context.Error(ValidationRules.NoFeatures, null,
                $"No feature column is left besides label column '{label}' once ignored, constant and identifier columns are set aside; a model needs at least one input.");
        }

        DuplicateRowCheck.Check(context, profile);
        LabelSpellingCheck.Check(context, target, task.Value);
        ClassBalanceCheck.Check(context, target, task.Value);
        LabelOutlierCheck.Check(context, target, task.Value);
        OutlierCheck.Check(context, profile, features);
        CategorySpellingCheck.Check(context, profile, features);
        NumericCodeCheck.Check(context, profile, features);
        LeakageCheck.Check(context, profile, label, task.Value, features);
        ContractComparison.CheckValues(context, profile, target, task.Value, features);

        profiled = profile;
        var schema = new DatasetSchema(features, label, task.Value, LabelInference.ClassLabels(target, task.Value, context.Spec.PositiveClass)) { DatePartCount = Training.DateParts.Current };
        CheckTrainingSample(context, schema, profile.Rows);
        return schema;
    }

    private DataContract Contract(ValidationContext context, DatasetSchema schema, DateTimeOffset now)
    {
        var profile = profiled!;
        var kinds = schema.Features.ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);
        var columns = profile.Statistics
            .Where(s => s.Name == schema.Label || kinds.ContainsKey(s.Name))
            .Select(s => s.ToProfile(settings, withCategories: s.Name == schema.Label
                ? schema.Task != MlTask.Regression
                : kinds[s.Name] == ColumnKind.Categorical))
            .ToList();
        return new DataContract((context.Previous?.Version ?? 0) + 1, now, schema, columns, context.Thresholds, profile.Rows)
        {
            PrimaryMetric = context.Spec.PrimaryMetric,
            IdColumns = context.Spec.Id,
            DuplicateRowRate = profile.DuplicateRowRate,
        };
    }

    /// <summary>Says when the rows exceed what training holds in memory, so the sample it trains on is no surprise.</summary>
    private void CheckTrainingSample(ValidationContext context, DatasetSchema schema, long usableRows)
    {
        if (training is null || schema.Features.Count == 0)
        {
            return;
        }

        var sampling = TrainingMemory.Sampling(training, schema);
        if (usableRows <= sampling.MaxRows)
        {
            return;
        }

        var stratified = sampling.StratifyBy is null ? "a uniform sample" : $"a sample stratified by '{schema.Label}' (every class keeps at least {ValidationContext.Count(sampling.MinRowsPerStratum)} rows or all it has)";
        context.Warning(ValidationRules.TrainingSample, null,
            $"The dataset has {ValidationContext.Count(usableRows)} rows, more than the {ValidationContext.Count(sampling.MaxRows)} that {ValidationContext.Count(schema.Features.Count + 1)} columns ({ValidationContext.Count(TrainingMemory.Cells(schema))} cells a row, free text weighing {TrainingMemory.TextCellWeight} and a date {schema.DatePartCount}) fit in the training memory budget (Training__MemoryBudgetMegabytes, {training.MemoryBudgetMegabytes:N0} MB, with one trial at a time); the search, the refit and the evaluation use {stratified} of {ValidationContext.Count(sampling.MaxRows)} rows.",
            usableRows, sampling.MaxRows);
    }

    private static void CheckPrimaryMetric(ValidationContext context, MlTask task)
    {
        if (context.Spec.PrimaryMetric is { } metric && !PrimaryMetric.Reported(task).Contains(metric))
        {
            context.Error(ValidationRules.InvalidSpec, null,
                $"mlops.json names primaryMetric \"{metric}\", which a {task} model does not report; choose one of {string.Join(", ", PrimaryMetric.Reported(task).Select(m => $"\"{m}\""))}.");
        }
    }

    private static void CheckPositiveClass(ValidationContext context, ColumnStatistics target, MlTask task)
    {
        if (context.Spec.PositiveClass is not { } positive)
        {
            return;
        }

        var values = target.ValueCounts?.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
        if (task != MlTask.BinaryClassification)
        {
            context.Error(ValidationRules.InvalidSpec, target.Name,
                $"mlops.json names positiveClass \"{positive}\", but label '{target.Name}' is trained as {task}; a positive class is one of the two values of a binary label.");
        }
        else if (!values.Contains(positive, StringComparer.Ordinal))
        {
            context.Error(ValidationRules.InvalidSpec, target.Name,
                $"mlops.json names positiveClass \"{positive}\", which label '{target.Name}' does not hold; its values are {ValidationContext.Quote(values)}.");
        }
    }

    private bool CheckSpecColumns(ValidationContext context)
    {
        var spec = context.Spec;
        foreach (var (list, name) in new[] { (spec.Ignore, "ignore"), (spec.Id, "id") })
        {
            if (spec.Label is not null && list.Contains(spec.Label, StringComparer.Ordinal))
            {
                context.Error(ValidationRules.InvalidSpec, spec.Label,
                    $"mlops.json names '{spec.Label}' as the label and also lists it under {name}; a column cannot be both.");
                return false;
            }
        }

        foreach (var (list, name) in new[] { (spec.Ignore, "ignore"), (spec.Categorical, "categorical"), (spec.Text, "text"), (spec.Id, "id") })
        {
            foreach (var column in list.Where(c => !header.Contains(c, StringComparer.Ordinal)))
            {
                // A typo here would silently keep an identifier as a feature, so it is worth saying.
                context.Warning(ValidationRules.SpecUnknownColumn, column,
                    $"mlops.json lists '{column}' under {name}, but the header has no such column; the columns are: {ListColumns()}.");
            }
        }

        return true;
    }

    private string? ResolveLabel(ValidationContext context)
    {
        var spec = context.Spec;
        if (spec.Label is not null)
        {
            if (header.Contains(spec.Label, StringComparer.Ordinal))
            {
                return spec.Label;
            }

            context.Error(ValidationRules.LabelMissing, spec.Label,
                $"mlops.json names '{spec.Label}' as the label, but the header has no such column; the columns are: {ListColumns()}.");
            return null;
        }

        var excluded = new HashSet<string>(spec.Ignore.Concat(spec.Id), StringComparer.Ordinal);
        var candidates = header.Where(c => !excluded.Contains(c)).ToList();
        if (candidates.Count == 0)
        {
            context.Error(ValidationRules.LabelMissing, null, "mlops.json ignores every column, so none is left to be the label.");
            return null;
        }

        // The accepted contract's label first; then the architecture's convention: a column named "label" (exact
        // spelling first, then any case), else the last.
        if (context.Previous is { } previous && candidates.Contains(previous.Schema.Label, StringComparer.Ordinal))
        {
            return previous.Schema.Label;
        }

        var named = candidates.FirstOrDefault(c => string.Equals(c, DefaultLabel, StringComparison.Ordinal))
            ?? candidates.FirstOrDefault(c => string.Equals(c, DefaultLabel, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named;
        }

        // Said on every such run: a file whose outcome is another column trains a model of the wrong thing otherwise.
        var last = candidates[^1];
        context.Info(ValidationRules.LabelByPosition, last,
            $"The label is '{last}', the last column, since no column is named \"label\" and mlops.json names none. To predict another column, name it in the model's spec ({{\"label\": \"...\"}}, PUT /api/models/{{model}}/spec) before training on this file; a quarantined run of it is validated again under the new spec by POST /api/runs/{{runId}}/restart.");
        return last;
    }

    private string ListColumns()
    {
        const int Shown = 20;
        var list = string.Join(", ", header.Take(Shown));
        return header.Count > Shown ? $"{list} and {header.Count - Shown} more" : list;
    }
}
