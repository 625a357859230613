namespace Mlops.Core.Retention;

/// <summary>
/// The registry's side of deleting a version safely while aliases may move. A version is first marked retiring
/// (compare-and-swap on its row); from then on the registry refuses to point an alias at it, so retention reads the
/// aliases once more after marking and either sees the alias that got there first or is sure none can arrive. Only then
/// are the artifacts and, last, the row deleted, so an interrupted pass leaves a retiring row the next pass finishes.
/// </summary>
public interface IVersionRetirement
{
    /// <summary>The model's versions marked retiring and not yet deleted (left by an interrupted pass, or one running now).</summary>
    Task<IReadOnlySet<int>> ListRetiringAsync(string model, CancellationToken cancellationToken);

    /// <summary>Marks the version retiring. True when it is retiring now (already or by this call); false when it no longer exists.</summary>
    Task<bool> BeginAsync(string model, int version, CancellationToken cancellationToken);

    /// <summary>Clears the mark, so aliases may point at the version again. Nothing happens when it is not retiring.</summary>
    Task CancelAsync(string model, int version, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the retiring version's row and appends its version.deleted event in the same transaction. True when the row
    /// is gone (by this call or an earlier one); false when the row is no longer retiring, which another pass decided.
    /// </summary>
    Task<bool> CompleteAsync(string model, int version, CancellationToken cancellationToken);
}
