namespace Mlops.Core.Evaluation;

/// <summary>The values of <see cref="GateResult.Gate"/>.</summary>
public static class GateKinds
{
    public const string Min = "min";
    public const string Max = "max";
    public const string Improvement = "improvement";
}
