namespace Mlops.Core.Monitoring;

/// <summary>
/// A closed window whose actions (events, a retraining run, an alert) are not yet recorded as done, and when a pass last
/// took them on: a pass that dies after closing a window leaves it here, and a later pass takes it over once
/// <see cref="MonitoringPass.FinishAfter"/> has passed since <paramref name="ClaimedAt"/>.
/// </summary>
public sealed record UnfinishedWindow(DateTimeOffset End, DateTimeOffset ClaimedAt);
