namespace Mlops.Workflows.Contracts;

public sealed record StageProgress(string Name, StageStatus Status, DateTime? StartedAt, DateTime? EndedAt, string? Detail);
