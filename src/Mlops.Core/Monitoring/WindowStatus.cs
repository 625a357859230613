namespace Mlops.Core.Monitoring;

/// <summary>Whether a window had the rows to be judged (ARCHITECTURE.md: "judged" | "insufficient").</summary>
public enum WindowStatus
{
    /// <summary>At least the settings' minimum of present values: its statistics decide.</summary>
    Judged,

    /// <summary>Too few present values (none included): its statistics are shown but decide nothing.</summary>
    Insufficient,
}
