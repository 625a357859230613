namespace Mlops.Core.Datasets;

public enum ColumnKind
{
    /// <summary>Parsed as a number; missing values are imputed and flagged.</summary>
    Numeric,

    /// <summary>One-hot encoded; a missing value is a category of its own.</summary>
    Categorical,
}
