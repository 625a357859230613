namespace Mlops.Functions.Http.Contracts;

public sealed record MetricComparison(double? A, double? B, double? Delta);
