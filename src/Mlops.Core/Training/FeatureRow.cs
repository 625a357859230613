namespace Mlops.Core.Training;

/// <summary>
/// The one ML.NET input row that training, evaluation and serving all build, so the three can never read a
/// feature differently. Vector sizes come from <see cref="FeatureLayout"/>, not from this type.
/// </summary>
internal sealed class FeatureRow
{
    /// <summary>Numeric features, then the parts of each date feature (<see cref="DateParts"/>).</summary>
    public float[] Numeric { get; set; } = [];

    /// <summary>Category tokens prefixed with the feature's index ("3=red"), so equal values of two columns stay apart.</summary>
    public string[] Categorical { get; set; } = [];

    /// <summary>Free-text features, one slot per column; empty when missing.</summary>
    public string[] Text { get; set; } = [];

    /// <summary>Classification label as written in the data; empty when scoring.</summary>
    public string LabelText { get; set; } = string.Empty;

    /// <summary>Regression label; NaN when scoring.</summary>
    public float LabelValue { get; set; } = float.NaN;

    /// <summary>The row's weight in training (class weights); only training views carry it.</summary>
    public float Weight { get; set; } = 1f;
}
