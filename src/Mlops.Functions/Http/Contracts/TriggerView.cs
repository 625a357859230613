namespace Mlops.Functions.Http.Contracts;

/// <summary>What started a run: upload, blob, manual, drift, decay or schedule, and the detail.</summary>
public sealed record TriggerView(string Kind, string? Detail);
