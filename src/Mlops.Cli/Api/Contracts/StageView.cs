namespace Mlops.Cli.Api.Contracts;

/// <summary>One stage of a run: validate, train, evaluate, register, promote.</summary>
public sealed record StageView(string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Detail)
{
    /// <summary>How long the stage took, or has taken so far when it is still running; null before it starts.</summary>
    public TimeSpan? Duration(DateTimeOffset now) => StartedAt is { } started ? (EndedAt ?? now) - started : null;
}
