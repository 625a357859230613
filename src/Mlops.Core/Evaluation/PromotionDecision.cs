namespace Mlops.Core.Evaluation;

/// <summary>Whether a challenger replaces the champion, and a sentence a person can read saying why.</summary>
public sealed record PromotionDecision(bool Promote, string Reason);
