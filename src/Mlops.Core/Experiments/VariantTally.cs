using System.Text.Json.Serialization;

namespace Mlops.Core.Experiments;

/// <summary>
/// The running sums of one variant's per-prediction scores (1/0 for a correct/incorrect classification, the squared
/// error for regression): all a look needs, and mergeable, so windows of outcomes add up.
/// </summary>
public readonly record struct VariantTally(long Count, double Sum, double SumOfSquares)
{
    /// <summary>NaN without scores; not stored (JSON has no NaN), recomputed from the sums.</summary>
    [JsonIgnore]
    public double Mean => Count > 0 ? Sum / Count : double.NaN;

    /// <summary>The sample variance (n − 1 in the denominator); NaN below two scores.</summary>
    [JsonIgnore]
    public double Variance => Count > 1 ? Math.Max(0, (SumOfSquares - (Sum * Sum / Count)) / (Count - 1)) : double.NaN;

    public VariantTally Add(double score) => new(Count + 1, Sum + score, SumOfSquares + (score * score));

    public VariantTally Add(VariantTally other) => new(Count + other.Count, Sum + other.Sum, SumOfSquares + other.SumOfSquares);
}
