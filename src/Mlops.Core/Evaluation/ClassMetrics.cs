namespace Mlops.Core.Evaluation;

/// <summary>One class's precision, recall and F1 on the holdout, and how many holdout rows hold it.</summary>
public sealed record ClassMetrics(string Class, double Precision, double Recall, double F1, int Support);
