namespace Mlops.Functions.Http.Contracts;

/// <summary>Challenger minus champion at the last look, with the always-valid interval and p-value.</summary>
public sealed record ExperimentDifferenceView(double Estimate, double Lower, double Upper, double PValue);
