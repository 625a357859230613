using System.Globalization;

namespace Mlops.Core.Validation;

/// <summary>
/// The limits validation holds a dataset to. Defaults here; <see cref="ValidationOptions"/> sets the two that are app
/// settings, and a model's spec ("thresholds" in mlops.json, camelCase names) overrides any of them for that model.
/// The thresholds used are recorded in the accepted <see cref="DataContract"/>. A "max" is exceeded by a larger
/// observation, a "min" by a smaller one.
/// </summary>
public sealed record ValidationThresholds
{
    // Declared before the members that read it: static initializers run in order.
    private static readonly (string Name, double Min, double Max, bool Whole, Func<ValidationThresholds, double, ValidationThresholds> Set)[] Settable =
    [
        ("minRows", 2, 1_000_000_000, true, (t, v) => t with { MinRows = (int)v }),
        ("warnMissingRate", 0, 1, false, (t, v) => t with { WarnMissingRate = v }),
        ("maxMissingRate", 0, 1, false, (t, v) => t with { MaxMissingRate = v }),
        ("constantShare", 0, 1, false, (t, v) => t with { ConstantShare = v }),
        ("warnDuplicateRate", 0, 1, false, (t, v) => t with { WarnDuplicateRate = v }),
        ("maxDuplicateRate", 0, 1, false, (t, v) => t with { MaxDuplicateRate = v }),
        ("minClassRatio", 0, 1, false, (t, v) => t with { MinClassRatio = v }),
        ("maxOutlierRate", 0, 1, false, (t, v) => t with { MaxOutlierRate = v }),
        ("outlierIqrMultiplier", 0.5, 100, false, (t, v) => t with { OutlierIqrMultiplier = v }),
        ("labelOutlierIqrMultiplier", 1, 1_000, false, (t, v) => t with { LabelOutlierIqrMultiplier = v }),
        ("maxLeakageScore", 0, 1, false, (t, v) => t with { MaxLeakageScore = v }),
        ("maxNewCategoryRate", 0, 1, false, (t, v) => t with { MaxNewCategoryRate = v }),
        ("maxOutOfRangeRate", 0, 1, false, (t, v) => t with { MaxOutOfRangeRate = v }),
    ];

    /// <summary>Fewer usable (labelled) rows than this is an error.</summary>
    public int MinRows { get; init; } = 20;

    /// <summary>A feature missing in more than this share of rows is a warning (it is imputed).</summary>
    public double WarnMissingRate { get; init; } = 0.2;

    /// <summary>A feature missing in more than this share of rows is an error.</summary>
    public double MaxMissingRate { get; init; } = 0.5;

    /// <summary>
    /// A feature whose most common value covers at least this share of its values is reported as constant. At the
    /// default 1 only a single-valued column is, and it is left out; below 1 nearly constant columns are warned about.
    /// </summary>
    public double ConstantShare { get; init; } = 1.0;

    /// <summary>More duplicate rows than this share is a warning.</summary>
    public double WarnDuplicateRate { get; init; } = 0.05;

    /// <summary>More duplicate rows than this share is an error: usually a file appended to itself.</summary>
    public double MaxDuplicateRate { get; init; } = 0.3;

    /// <summary>A classification label whose rarest class has fewer rows than this ratio to the commonest is imbalanced.</summary>
    public double MinClassRatio { get; init; } = 0.1;

    /// <summary>A numeric feature with more than this share of outliers is a warning.</summary>
    public double MaxOutlierRate { get; init; } = 0.05;

    /// <summary>Outliers lie more than this many interquartile ranges beyond the quartiles (3: Tukey's "far out").</summary>
    public double OutlierIqrMultiplier { get; init; } = 3.0;

    /// <summary>
    /// A regression label's values more than this many interquartile ranges beyond its quartiles are warned about, however
    /// few: far enough that a heavy tail seldom reaches it (a log-normal label with sigma 1 puts 0.3% of its rows there),
    /// near enough to catch an amount with three zeros too many.
    /// </summary>
    public double LabelOutlierIqrMultiplier { get; init; } = 10.0;

    /// <summary>A feature that alone predicts the label on held-out rows with a skill above this (0..1) leaks it.</summary>
    public double MaxLeakageScore { get; init; } = 0.98;

    /// <summary>More than this share of a categorical feature's values unseen in the previous contract is a warning.</summary>
    public double MaxNewCategoryRate { get; init; }

    /// <summary>More than this share of a numeric feature's values outside the previous contract's range is a warning.</summary>
    public double MaxOutOfRangeRate { get; init; } = 0.01;


    /// <summary>The names mlops.json may override.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Settable.Select(s => s.Name)];

    /// <summary>The defaults with the app-wide settings applied.</summary>
    public static ValidationThresholds From(ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ValidationThresholds { MinRows = options.MinRows, MaxMissingRate = options.MaxMissingFraction };
    }

    /// <summary>These thresholds with a spec's overrides (names as <see cref="Canonical"/> returns them) applied.</summary>
    public ValidationThresholds With(IReadOnlyDictionary<string, double> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var result = this;
        foreach (var (name, value) in overrides)
        {
            var setting = Settable.FirstOrDefault(s => s.Name == name);
            if (setting.Name is null)
            {
                throw new ArgumentException($"'{name}' is not a threshold.", nameof(overrides));
            }

            result = setting.Set(result, value);
        }

        return result;
    }

    /// <summary>The threshold's own spelling of <paramref name="name"/> (matched ignoring case), or null if there is none.</summary>
    public static string? Canonical(string name) =>
        Settable.Select(s => s.Name).FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Why <paramref name="value"/> cannot be the threshold <paramref name="name"/>, or null when it can.</summary>
    public static string? Check(string name, double value)
    {
        var setting = Settable.First(s => s.Name == name);
        if (value < setting.Min || value > setting.Max || double.IsNaN(value))
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be between {setting.Min} and {setting.Max:#,0.##}");
        }

        return setting.Whole && value != Math.Floor(value) ? "must be a whole number" : null;
    }
}
