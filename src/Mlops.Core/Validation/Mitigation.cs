namespace Mlops.Core.Validation;

/// <summary>
/// What the run does about a warning so that the data can still train a sound model. Training reads these from the
/// report (e.g. <see cref="MitigationKinds.ClassWeights"/>); the rest record what was already done to the data.
/// </summary>
/// <param name="Kind">One of <see cref="MitigationKinds"/>.</param>
/// <param name="Column">The column it applies to (the label for class weights), if any.</param>
/// <param name="Reason">Why, in a sentence a person understands.</param>
public sealed record Mitigation(string Kind, string? Column, string Reason);
