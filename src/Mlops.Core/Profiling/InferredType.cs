namespace Mlops.Core.Profiling;

/// <summary>
/// What a column holds, as a person would describe it. Richer than the model's <see cref="Datasets.ColumnKind"/>:
/// the model sees numbers and categories, while the profile and monitoring tell booleans, dates and free text apart.
/// </summary>
public enum InferredType
{
    /// <summary>Every present value is a number.</summary>
    Numeric,

    /// <summary>Text with few enough distinct values to be categories.</summary>
    Categorical,

    /// <summary>Two values: true/false, yes/no, t/f, y/n in any case, or the numbers 0 and 1.</summary>
    Boolean,

    /// <summary>Every present value is a date or a date and time (ISO 8601, or a form with a four-digit year).</summary>
    DateTime,

    /// <summary>Text with many distinct values: identifiers, names, free text.</summary>
    Text,

    /// <summary>No value is present, so nothing can be said.</summary>
    Empty,
}
