namespace Mlops.Functions.Http.Contracts;

public sealed record StageView(string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Detail);
