namespace Mlops.Core.Experiments;

/// <summary>
/// One guardrail at a look: the champion's and the challenger's value, the limit on how much worse the challenger may
/// be, and the always-valid reading of the difference. It breaks when the interval's lower end is past the limit.
/// </summary>
/// <param name="Name"><see cref="Guardrails.ErrorRate"/> or <see cref="Guardrails.LatencyMs"/>.</param>
/// <param name="Champion">The champion's error rate, or its mean scoring time in milliseconds.</param>
/// <param name="Challenger">The challenger's.</param>
/// <param name="Limit">How much higher the challenger's value may be.</param>
/// <param name="Test">The sequential test of challenger − champion; null until each variant has enough predictions.</param>
/// <param name="Broken">Whether the challenger is worse by more than the limit at the experiment's alpha.</param>
public sealed record GuardrailReading(string Name, double Champion, double Challenger, double Limit, SequentialLook? Test, bool Broken);
