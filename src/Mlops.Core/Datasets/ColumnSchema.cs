using System.Text.Json.Serialization;

namespace Mlops.Core.Datasets;

/// <summary>One feature column of a model's input.</summary>
public sealed record ColumnSchema(string Name, ColumnKind Kind)
{
    /// <summary>
    /// For a categorical column of yes/no values, how the training file spelled them (<see cref="BooleanSpelling"/>).
    /// Written out only when set, so every other column reads as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BooleanSpelling? Boolean { get; init; }
}
