namespace Mlops.Core.Retention;

/// <summary>What a retention pass keeps and deletes of one model's committed versions.</summary>
/// <param name="Kept">Versions that stay, oldest first.</param>
/// <param name="Delete">Versions to delete, oldest first.</param>
/// <param name="Pinned">Why each version an alias or a pin holds is kept, by version.</param>
public sealed record RetentionDecision(IReadOnlyList<int> Kept, IReadOnlyList<int> Delete, IReadOnlyDictionary<int, string> Pinned);
