using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// Chooses the model's features from the profiled columns and says why each column left out was left out: columns
/// with no value or too many missing (errors), constant and identifier-like columns (warnings; left out), and the kind
/// of the rest (numeric, categorical, date, free text), pinned to the previous contract's kind where the data allows.
/// </summary>
internal static class FeatureSelection
{
    /// <summary>A text column with more distinct values than this, nearly one per row, is an identifier.</summary>
    internal const int IdentifierMinDistinct = 50;

    internal const double IdentifierDistinctShare = 0.9;

    /// <summary>
    /// A column whose values are numbers but for at most this share is a column of numbers with mistakes in it: read
    /// as categories it would lose its order, or be dropped as an identifier, without anyone being told why.
    /// </summary>
    internal const double StrayNonNumericShare = 0.02;

    /// <summary>Numbers' share of a column's values from which a column read as categories is reported (it looks numeric).</summary>
    internal const double MostlyNumbersShare = 0.8;

    /// <summary>Fewest numbers for a column to count as numeric with strays (below, a handful of cells proves nothing).</summary>
    private const int StrayMinNumbers = 20;

    /// <summary>Words a value needs (spaces + 1) to count as prose.</summary>
    private const int ProseMinSpaces = 2;

    public static List<ColumnSchema> Select(ValidationContext context, DatasetProfile profile, string label)
    {
        var thresholds = context.Thresholds;
        var features = new List<ColumnSchema>();
        foreach (var column in profile.Statistics.Where(s => s.Name != label))
        {
            var name = column.Name;
            if (column.Present == 0)
            {
                context.Error(ValidationRules.ColumnAllMissing, name,
                    $"Column '{name}' has no value in any of the {Count(column.Rows)} rows; remove it or list it under ignore in mlops.json.",
                    1, thresholds.MaxMissingRate);
                continue;
            }

            if (column.MissingRate > thresholds.MaxMissingRate)
            {
                context.Error(ValidationRules.ColumnMissingRate, name,
                    $"Column '{name}' is missing {Percent(column.MissingRate)} of its values ({Count(column.Missing)} of {Count(column.Rows)} rows); at most {Percent(thresholds.MaxMissingRate)} may be missing. List it under ignore in mlops.json to train without it, or raise thresholds.maxMissingRate to keep it (imputed, with a missing-value flag), then restart the run.",
                    column.MissingRate, thresholds.MaxMissingRate);
                continue;
            }

            // A column that is missing somewhere still tells rows apart through its missing-value flag.
            if (column.DistinctCount == 1 && column.Missing == 0)
            {
                context.Warning(ValidationRules.ColumnConstant, name,
                    $"Column '{name}' holds the same value '{column.TopValues[0].Value}' in all {Count(column.Rows)} rows, so it cannot inform the model; it was left out.",
                    1, thresholds.ConstantShare);
                context.Mitigate(MitigationKinds.ExcludeColumn, name, "The column is constant.");
                continue;
            }

            var categorical = context.IsCategorical(name);
            if (!categorical && !context.IsText(name) && IsNumericWithStrays(column))
            {
                var rate = (double)column.NonNumericCount / column.Present;
                context.Error(ValidationRules.ColumnNonNumericValues, name,
                    $"Column '{name}' holds numbers but for {Count(column.NonNumericCount)} value(s) ({Percent(rate)} of its values): {Strays(column)}. If such values mean \"no value\", put {MissingValuesEntry(context, column)} in mlops.json and restart the run (they are then missing values, imputed and flagged); otherwise fix them, or list the column under categorical in mlops.json to treat all its values as categories.",
                    rate, StrayNonNumericShare);
                continue;
            }

            var text = context.IsText(name) || (!categorical && LooksLikeProse(column));
            if (!column.AllNumeric && !categorical && !text && column.Type != InferredType.DateTime && LooksLikeIdentifier(column))
            {
                context.Warning(ValidationRules.IdentifierColumn, name,
                    $"Column '{name}' looks like an identifier ({(column.DistinctExact ? string.Empty : "about ")}{Count(column.DistinctCount)} distinct values in {Count(column.Rows)} rows, more than {IdentifierMinDistinct} and more than {Percent(IdentifierDistinctShare)} of rows); it was left out. List it under id in mlops.json to say so, or under categorical to keep it.",
                    (double)column.DistinctCount / column.Rows, IdentifierDistinctShare);
                context.Mitigate(MitigationKinds.ExcludeColumn, name, "The column looks like an identifier.");
                continue;
            }

            if (column.MissingRate > thresholds.WarnMissingRate)
            {
                context.Warning(ValidationRules.ColumnMissingRate, name,
                    $"Column '{name}' is missing {Percent(column.MissingRate)} of its values ({Count(column.Missing)} of {Count(column.Rows)} rows), more than {Percent(thresholds.WarnMissingRate)}; they are imputed and flagged, so the model can still use the rest.",
                    column.MissingRate, thresholds.WarnMissingRate);
                context.Mitigate(MitigationKinds.ImputeMissing, name, $"{Percent(column.MissingRate)} of the values are missing.");
            }

            if (thresholds.ConstantShare < 1 && column.TopShare >= thresholds.ConstantShare)
            {
                context.Warning(ValidationRules.ColumnConstant, name,
                    $"Column '{name}' is nearly constant: '{column.TopValues[0].Value}' is {Percent(column.TopShare.Value)} of its values, at least {Percent(thresholds.ConstantShare)}; it is kept, but it can tell few rows apart.",
                    column.TopShare, thresholds.ConstantShare);
            }

            if (Kind(context, column, categorical, text) is { } kind)
            {
                if (kind == ColumnKind.Categorical && !categorical && IsMostlyNumbers(column))
                {
                    var rate = (double)column.NonNumericCount / column.Present;
                    context.Warning(ValidationRules.ColumnMostlyNumeric, name,
                        $"Column '{name}' holds numbers but for {Count(column.NonNumericCount)} value(s) ({Percent(rate)} of its values): {Strays(column)}, so it was read as {(column.DistinctExact ? string.Empty : "about ")}{Count(column.DistinctCount)} categories and the numbers' order is lost. If those values mean \"no value\", put {MissingValuesEntry(context, column)} in mlops.json and restart the run; list the column under categorical in mlops.json to keep it as categories.",
                        rate, MostlyNumbersShare);
                }

                features.Add(new ColumnSchema(name, kind)
                {
                    Boolean = kind == ColumnKind.Categorical && column.Type == InferredType.Boolean && column.ValueCounts is { } values
                        ? BooleanSpelling.Of([.. values.Keys])
                        : null,
                });
            }
        }

        return features;
    }

    /// <summary>The column's kind; null when it breaks the previous contract (reported).</summary>
    private static ColumnKind? Kind(ValidationContext context, ColumnStatistics column, bool categorical, bool text)
    {
        var kind = text ? ColumnKind.Text
            : categorical ? ColumnKind.Categorical
            : column.AllNumeric ? ColumnKind.Numeric
            : column.Type == InferredType.DateTime ? ColumnKind.Date
            : ColumnKind.Categorical;
        var before = context.Previous?.Schema.Features.FirstOrDefault(f => f.Name == column.Name)?.Kind;
        if (categorical || context.IsText(column.Name) || before is null || before == kind)
        {
            // The spec decides deliberately; a new column, or one that reads as before, takes what the data says.
            return kind;
        }

        if (before is ColumnKind.Categorical or ColumnKind.Text)
        {
            // Any value reads as a category or as text: the champion and the new model see the column alike.
            return before;
        }

        context.Error(ValidationRules.ContractTypeChanged, column.Name,
            $"Column '{column.Name}' was {Describe(before.Value)} in the accepted contract (version {context.Previous!.Version}) but now holds values such as '{Offending(column, before.Value)}'; fix those values, or list the column under categorical in mlops.json to change its type deliberately.");
        return null;
    }

    /// <summary>A value that breaks the previous kind: one that is not a number, or not a date.</summary>
    private static string? Offending(ColumnStatistics column, ColumnKind before) =>
        before == ColumnKind.Date ? column.NonDateExample : column.NonNumericExample;

    private static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "numeric",
        ColumnKind.Date => "a date",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Free text rather than codes: most of the column's frequent values (a sample when every value is unique) are
    /// several words long. Identifiers and category codes are single tokens.
    /// </summary>
    private static bool LooksLikeProse(ColumnStatistics column) =>
        column.Type == InferredType.Text
        && column.TopValues.Count > 0
        && column.TopValues.Count(v => v.Value.AsSpan().Trim().Count(' ') >= ProseMinSpaces) * 2 > column.TopValues.Count;

    private static bool IsNumericWithStrays(ColumnStatistics column) => !column.AllNumeric && IsNumbersBut(column, StrayNonNumericShare);

    /// <summary>
    /// Numbers in most rows and words in a few: past the stray share, such a column is read as categories, and a
    /// placeholder ("unknown", "pending") is the likelier cause than a column of codes.
    /// </summary>
    private static bool IsMostlyNumbers(ColumnStatistics column) => IsNumbersBut(column, 1 - MostlyNumbersShare);

    /// <summary>Numbers but for some values, at most <paramref name="share"/> of them, among enough numbers to tell.</summary>
    private static bool IsNumbersBut(ColumnStatistics column, double share) =>
        column.NonNumericCount > 0
        && column.Present - column.NonNumericCount >= StrayMinNumbers
        && column.NonNumericCount <= share * column.Present;

    /// <summary>The spec entry that makes the column's stray value a missing value, its JSON escaped as the spec reads it.</summary>
    /// <summary>"'.' (4 rows) and 'None' (3 rows)": each kind of value that is not a number, where the profile counted them.</summary>
    private static string Strays(ColumnStatistics column)
    {
        var kinds = column.NonNumericValues.Select(v => column.ValueCounts?.TryGetValue(v, out var rows) == true
            ? $"'{v}' ({Count(rows)} {(rows == 1 ? "row" : "rows")})"
            : $"such as '{v}'").ToList();
        return kinds.Count switch
        {
            0 => "such as ''",
            1 => kinds[0],
            _ => $"{string.Join(", ", kinds[..^1])} and {kinds[^1]}",
        };
    }

    /// <summary>The spec line that makes every stray value missing, beside the words for "no value" the spec has already.</summary>
    private static string MissingValuesEntry(ValidationContext context, ColumnStatistics column)
    {
        IEnumerable<string> strays = column.NonNumericValues.Count > 0 ? column.NonNumericValues.Select(v => v.Trim()) : [string.Empty];
        var entries = context.Spec.MissingValues.Concat(strays).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(v => System.Text.Json.JsonSerializer.Serialize(v, MlopsJson.Options));
        return $"\"missingValues\": [{string.Join(", ", entries)}]";
    }

    private static bool LooksLikeIdentifier(ColumnStatistics column) =>
        column.DistinctCount > IdentifierMinDistinct && column.DistinctCount > IdentifierDistinctShare * column.Rows;

    private static string Percent(double fraction) => ValidationContext.Percent(fraction);

    private static string Count(long count) => ValidationContext.Count(count);
}
