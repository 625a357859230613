namespace Mlops.Core.Evaluation;

/// <summary>Whether the challenger passed every gate, each gate's result, and the comparison behind the improvement gate.</summary>
/// <param name="Promote">True when every gate passed.</param>
/// <param name="Reason">One sentence a person reads in the run status.</param>
/// <param name="Gates">Each gate's result, thresholds first.</param>
/// <param name="Comparison">The selection metric, reference (A) against challenger (B), with its paired interval.</param>
public sealed record GateVerdict(bool Promote, string Reason, IReadOnlyList<GateResult> Gates, MetricDifference Comparison);
