using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// The new data against the model's accepted contract (its champion's): the columns it requires are there, the task
/// is the same, and the values are ones the contract knew: new categories and numbers outside the known range are
/// reported, since the champion (compared on this data) and the served model meet them unseen.
/// </summary>
internal static class ContractComparison
{
    /// <summary>Columns the contract requires that the header lacks; an error each (the spec may drop features).</summary>
    public static void CheckColumns(ValidationContext context, IReadOnlyList<string> header)
    {
        if (context.Previous is not { } previous)
        {
            return;
        }

        var present = new HashSet<string>(header, StringComparer.Ordinal);
        if (context.Spec.Label is null && !present.Contains(previous.Schema.Label))
        {
            context.Error(ValidationRules.ContractMissingColumn, previous.Schema.Label,
                $"The file has no column '{previous.Schema.Label}', the label of the accepted contract (version {previous.Version}); add it, or name the new label in mlops.json.");
        }

        foreach (var feature in previous.Schema.Features.Where(f => !present.Contains(f.Name) && !context.Spec.Ignore.Contains(f.Name, StringComparer.Ordinal)))
        {
            context.Error(ValidationRules.ContractMissingColumn, feature.Name,
                $"The file has no column '{feature.Name}', a feature of the accepted contract (version {previous.Version}); add it, or list it under ignore in mlops.json to train without it.");
        }
    }

    /// <summary>The label's task and classes, then each feature's values, against the contract.</summary>
    public static void CheckValues(ValidationContext context, DatasetProfile profile, ColumnStatistics label, MlTask task, IReadOnlyList<ColumnSchema> features)
    {
        if (context.Previous is not { } previous || previous.Schema.Label != label.Name)
        {
            // A different label is a different model's contract: nothing to compare.
            return;
        }

        if (previous.Schema.Task != task && context.Spec.Task is null)
        {
            context.Error(ValidationRules.ContractTypeChanged, label.Name,
                $"Label '{label.Name}' now makes this a {Describe(task)} task, but the accepted contract (version {previous.Version}) is {Describe(previous.Schema.Task)}{Classes(previous.Schema)}; fix the label's values, or set task in mlops.json to change it deliberately.");
            return;
        }

        if (task != MlTask.Regression && previous.Schema.ClassLabels.Count > 0)
        {
            NewValues(context, label, previous.Schema.ClassLabels, previous.Version, "class");
        }

        foreach (var feature in features)
        {
            var before = previous.Column(feature.Name);
            var column = profile.Find(feature.Name);
            if (before is null || column is null)
            {
                continue;
            }

            if (feature.Kind == ColumnKind.Categorical && before.Categories is { } categories)
            {
                NewValues(context, column, categories, previous.Version, "value");
            }
            else if (feature.Kind == ColumnKind.Numeric && before.Numeric is { } range)
            {
                OutOfRange(context, column, range, previous.Version);
            }
        }
    }

    private static void NewValues(ValidationContext context, ColumnStatistics column, IReadOnlyList<string> known, int version, string what)
    {
        var knownSet = new HashSet<string>(known, StringComparer.Ordinal);
        var exact = column.ValueCounts is not null;
        var values = column.ValueCounts?.Select(v => new CategoryCount(v.Key, v.Value)) ?? column.TopValues;
        var unseen = values.Where(v => !knownSet.Contains(v.Value)).OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
        if (unseen.Count == 0 || column.Present == 0)
        {
            return;
        }

        var rows = unseen.Sum(v => v.Count);
        var rate = (double)rows / column.Present;
        var threshold = context.Thresholds.MaxNewCategoryRate;
        if (rate <= threshold)
        {
            return;
        }

        var atLeast = exact ? "" : "at least ";
        context.Warning(ValidationRules.NewCategory, column.Name,
            $"Column '{column.Name}' has {atLeast}{unseen.Count} {what}(s) the accepted contract (version {version}) never saw ({ValidationContext.Quote(unseen.Select(v => v.Value))}) in {atLeast}{ValidationContext.Percent(rate)} of its rows, more than {ValidationContext.Percent(threshold)}; the current model meets them as unknown.",
            rate, threshold);
    }

    private static void OutOfRange(ValidationContext context, ColumnStatistics column, NumericSummary before, int version)
    {
        if (column.Numbers is not { Total: > 0 } numbers)
        {
            return;
        }

        var outside = numbers.CountBelow(before.Min) + numbers.CountAbove(before.Max);
        var rate = (double)outside / numbers.Total;
        var threshold = context.Thresholds.MaxOutOfRangeRate;
        if (rate <= threshold)
        {
            return;
        }

        var approximately = numbers.Exact ? "" : "about ";
        context.Warning(ValidationRules.OutOfRange, column.Name,
            $"{approximately}{ValidationContext.Percent(rate)} of column '{column.Name}' ({approximately}{ValidationContext.Count(outside)} values) lie outside [{ValidationContext.Number(before.Min)}, {ValidationContext.Number(before.Max)}], the range of the accepted contract (version {version}), more than {ValidationContext.Percent(threshold)}; check units and sources, since the current model extrapolates there.",
            rate, threshold);
    }

    private static string Describe(MlTask task) => task switch
    {
        MlTask.BinaryClassification => "binary classification",
        MlTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };

    private static string Classes(DatasetSchema schema) =>
        schema.ClassLabels.Count == 0 ? "" : $" with classes {ValidationContext.Quote(schema.ClassLabels, 10)}";
}
