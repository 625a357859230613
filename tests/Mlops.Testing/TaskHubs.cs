namespace Mlops.Testing;

public static class TaskHubs
{
    /// <summary>Task hub names are letters and digits; a fresh one per host keeps runs of earlier tests out of sight.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
