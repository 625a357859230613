namespace Mlops.Cli.Api.Contracts;

/// <summary>Challenger minus champion at the last look, with its always-valid interval.</summary>
public sealed record ExperimentDifferenceView(double Estimate, double Lower, double Upper, double PValue);
