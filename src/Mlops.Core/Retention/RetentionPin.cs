namespace Mlops.Core.Retention;

/// <summary>A version that must survive retention whatever its age, and why (shown in the retention report).</summary>
public sealed record RetentionPin(int Version, string Reason);
