namespace Mlops.Cli.Api.Contracts;

/// <summary>What started a run: upload, blob, manual, drift, decay or schedule.</summary>
public sealed record TriggerView(string Kind, string? Detail);
