namespace Mlops.Core.Retention;

/// <summary>One model's part of the retention report.</summary>
/// <param name="Kept">Versions that stay, oldest first.</param>
/// <param name="Deleted">Versions this pass deleted (artifacts and row), oldest first.</param>
/// <param name="Pinned">Why each version held by an alias or a pin is kept, keyed by version.</param>
public sealed record ModelRetention(string Model, IReadOnlyList<int> Kept, IReadOnlyList<int> Deleted, IReadOnlyDictionary<int, string> Pinned);
