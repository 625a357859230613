namespace Mlops.Core.Serving;

// What ML.NET's scorers add to a row, per task; names are ML.NET's output column names.

internal sealed class BinaryScoredRow
{
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}

internal sealed class MulticlassScoredRow
{
    /// <summary>The class label text, mapped back from the key by the model's last transform.</summary>
    public string PredictedLabel { get; set; } = string.Empty;

    /// <summary>Per-class probabilities in ClassLabels order.</summary>
    public float[] Score { get; set; } = [];
}

internal sealed class RegressionScoredRow
{
    public float Score { get; set; }
}
