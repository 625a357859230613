namespace Mlops.Functions.Http.Contracts;

/// <summary>The rows both versions were scored on: the newer version's holdout, or why there is none.</summary>
public sealed record SharedHoldoutView(string Dataset, int Version, int Rows, string? Problem);
