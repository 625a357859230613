using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>Decides the learning task from the label's values and orders the classes.</summary>
internal static class LabelInference
{
    /// <summary>Whole-number labels with at most this many values are classes (digits, ratings), not quantities.</summary>
    public const int MaxIntegerClasses = 20;

    /// <summary>Text labels with more values than this are not a class set a model can learn from a CSV upload.</summary>
    public const int MaxTextClasses = 50;

    // Pairs whose meaning fixes which value is the positive class, compared case-insensitively.
    private static readonly (string Negative, string Positive)[] NaturalPairs = [("false", "true"), ("no", "yes")];

    /// <summary>The task the spec asks for, checked against the label, or the one the label implies.</summary>
    public static MlTask? Task(ColumnStatistics label, MlTask? requested, out ValidationFinding? error)
    {
        var task = Infer(label, requested, out error);
        if (task is MlTask.BinaryClassification or MlTask.MulticlassClassification && SameNumberTwice(label) is { } spellings)
        {
            // Classes are the label's texts: "1" and "1.0" would be two classes of one value.
            error = Error(ValidationRules.LabelUnusable, label,
                $"Label column '{label.Name}' writes the same number more than one way ({string.Join(" and ", spellings.Select(s => $"'{s}'"))}), so they would be counted as different classes; write each class one way.");
            return null;
        }

        return task;
    }

    /// <summary>Two or more texts of a numeric label that are the same number, or null.</summary>
    private static List<string>? SameNumberTwice(ColumnStatistics label)
    {
        if (!label.AllNumeric || label.ValueCounts is null)
        {
            return null;
        }

        return label.ValueCounts.Keys
            .GroupBy(k => CsvValues.TryParseNumber(k, out var number) ? number : double.NaN)
            .Where(g => g.Count() > 1)
            .Select(g => g.Order(StringComparer.Ordinal).ToList())
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static MlTask? Infer(ColumnStatistics label, MlTask? requested, out ValidationFinding? error)
    {
        error = null;
        var classes = label.DistinctCount;
        switch (requested)
        {
            case MlTask.Regression when !label.AllNumeric:
                error = Error(ValidationRules.LabelNotNumeric, label,
                    $"The spec asks for regression, but label column '{label.Name}' holds non-numeric values such as '{label.NonNumericExample}'; a regression label must be a number in every row.");
                return null;
            case MlTask.BinaryClassification when classes != 2:
                error = Error(ValidationRules.LabelClassCount, label,
                    $"The spec asks for binary classification, but label column '{label.Name}' holds {ValidationContext.Count(classes)} distinct values ({Sample(label)}); binary needs exactly 2.");
                return null;
            case MlTask.MulticlassClassification when label.ValueCounts is null:
                error = Error(ValidationRules.LabelClassCount, label,
                    $"The spec asks for multiclass classification, but label column '{label.Name}' holds about {ValidationContext.Count(classes)} distinct values, more than a class set can have.");
                return null;
            case not null:
                return requested;
        }

        // Needing fewer classes than half the rows keeps an id-like or continuous column from passing as classes
        // with one or two examples each.
        var fewEnoughForRows = classes < label.Present / 2.0;
        if (classes == 2)
        {
            return MlTask.BinaryClassification;
        }

        if (label.AllIntegers && classes <= MaxIntegerClasses && fewEnoughForRows)
        {
            return MlTask.MulticlassClassification;
        }

        if (label.AllNumeric)
        {
            return MlTask.Regression;
        }

        if (classes <= MaxTextClasses && fewEnoughForRows)
        {
            return MlTask.MulticlassClassification;
        }

        error = Error(ValidationRules.LabelUnusable, label,
            $"Label column '{label.Name}' holds {ValidationContext.Count(classes)} distinct non-numeric values in {ValidationContext.Count(label.Present)} rows; a class label needs at most {MaxTextClasses} distinct values and fewer than half the rows, and a regression label must be numeric.");
        return null;
    }

    /// <summary>Classification: the label values in the order the model numbers them; binary is [negative, positive].</summary>
    /// <param name="label">The label column's statistics.</param>
    /// <param name="task">The task.</param>
    /// <param name="positiveClass">The spec's positive class; used when it is one of a binary label's two values.</param>
    public static IReadOnlyList<string> ClassLabels(ColumnStatistics label, MlTask task, string? positiveClass = null)
    {
        if (task == MlTask.Regression || label.ValueCounts is null)
        {
            return [];
        }

        var values = label.ValueCounts.Keys.ToList();
        if (task == MlTask.BinaryClassification && values.Count == 2)
        {
            if (positiveClass is not null && values.IndexOf(positiveClass) is var named and >= 0)
            {
                return [values[1 - named], values[named]];
            }

            foreach (var (negative, positive) in NaturalPairs)
            {
                var negativeValue = values.Find(v => v.Equals(negative, StringComparison.OrdinalIgnoreCase));
                var positiveValue = values.Find(v => v.Equals(positive, StringComparison.OrdinalIgnoreCase));
                if (negativeValue is not null && positiveValue is not null)
                {
                    return [negativeValue, positiveValue];
                }
            }
        }

        // Numbers in numeric order (0/1 puts 1 positive, "10" after "9"); anything else in ordinal order, which is
        // stable across cultures and machines.
        return label.AllNumeric
            ? [.. values.OrderBy(Number).ThenBy(v => v, StringComparer.Ordinal)]
            : [.. values.Order(StringComparer.Ordinal)];
    }

    private static double Number(string value) => CsvValues.TryParseNumber(value, out var number) ? number : double.NaN;

    private static string Sample(ColumnStatistics label) =>
        ValidationContext.Quote(label.ValueCounts?.Keys.Order(StringComparer.Ordinal) ?? label.TopValues.Select(t => t.Value));

    private static ValidationFinding Error(string rule, ColumnStatistics label, string message) =>
        new(Severity.Error, rule, label.Name, message);
}
