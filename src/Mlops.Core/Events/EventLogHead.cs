namespace Mlops.Core.Events;

/// <summary>Where a model's event log ends: its newest event's sequence number.</summary>
public sealed record EventLogHead(string Model, long LastSequence);
