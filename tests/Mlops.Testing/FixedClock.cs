namespace Mlops.Testing;

/// <summary>A clock that stays at one instant, for code that reads the time to decide.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
