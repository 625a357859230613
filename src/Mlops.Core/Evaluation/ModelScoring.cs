namespace Mlops.Core.Evaluation;

/// <summary>A model's scores on a <see cref="HoldoutSet"/>, or why it could not read the rows.</summary>
public sealed record ModelScoring(HoldoutScores? Scores, string? Problem)
{
    internal static ModelScoring Failed(string problem) => new(null, problem);
}
