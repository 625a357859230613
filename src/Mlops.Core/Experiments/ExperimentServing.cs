namespace Mlops.Core.Experiments;

/// <summary>Both variants' serving tallies at a look.</summary>
public sealed record ExperimentServing(VariantServing Champion, VariantServing Challenger)
{
    public static ExperimentServing None { get; } = new(default, default);
}
