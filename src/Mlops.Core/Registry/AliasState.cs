namespace Mlops.Core.Registry;

/// <summary>An alias as stored, with the ETag that a compare-and-swap must present to move it.</summary>
public sealed record AliasState(string Alias, int Version, string ETag);
