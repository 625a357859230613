namespace Mlops.Core.Registry;

public static class Aliases
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";

    /// <summary>Reserved: always means the newest version, never stored.</summary>
    public const string Latest = "latest";
}
