namespace Mlops.Core.Evaluation;

/// <summary>What the challenger must improve on: the champion scored on the same rows, or the trivial baseline.</summary>
/// <param name="Name">How it reads in a sentence: "champion v3", "the majority class".</param>
/// <param name="Scores">Its scores on the challenger's holdout rows.</param>
/// <param name="IsChampion">False for the baseline, which the spec's minimum improvement does not apply to.</param>
/// <param name="Note">Why the baseline stands in for an existing champion (it could not read this data); null otherwise.</param>
public sealed record GateReference(string Name, HoldoutScores Scores, bool IsChampion, string? Note = null);
