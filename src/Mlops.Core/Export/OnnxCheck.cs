namespace Mlops.Core.Export;

/// <summary>How model.onnx compared with model.zip on the holdout when it was exported.</summary>
/// <param name="Rows">Holdout rows scored by both.</param>
/// <param name="MaxDifference">The largest difference in any score or probability, relative to the value when it exceeds 1.</param>
/// <param name="Tolerance">The largest difference allowed.</param>
/// <param name="LabelMismatches">Rows whose predicted class differed (always 0 for regression).</param>
public sealed record OnnxCheck(int Rows, double MaxDifference, double Tolerance, int LabelMismatches)
{
    public bool Passed => MaxDifference <= Tolerance && LabelMismatches == 0;
}
