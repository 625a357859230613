namespace Mlops.Core.Datasets;

public enum ColumnKind
{
    /// <summary>Parsed as a number; missing values are imputed and flagged.</summary>
    Numeric,

    /// <summary>One-hot encoded below a cardinality bound, hashed above it; a missing value is a category of its own.</summary>
    Categorical,

    /// <summary>A date or time: its year, month, day, day of week and hour become numeric features.</summary>
    Date,

    /// <summary>Free text: featurized as word and character n-grams.</summary>
    Text,
}
