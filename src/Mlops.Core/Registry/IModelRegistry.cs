namespace Mlops.Core.Registry;

/// <summary>
/// Registered models, their immutable versions and aliases. A version becomes visible only when committed,
/// after its artifacts are written, so a reader never sees a half-written version.
/// </summary>
public interface IModelRegistry
{
    /// <summary>
    /// Reserves the next version number for a run. Idempotent: the same run always gets the same number,
    /// so an activity that runs again after a crash does not create a second version.
    /// </summary>
    Task<int> ReserveVersionAsync(string model, string runId, CancellationToken cancellationToken);

    /// <summary>Makes a reserved version visible. Idempotent for the same run; never overwrites another run's version.</summary>
    Task CommitVersionAsync(ModelVersion version, CancellationToken cancellationToken);

    Task<ModelVersion?> GetVersionAsync(string model, int version, CancellationToken cancellationToken);

    /// <summary>Committed versions, oldest first.</summary>
    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string model, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken);

    Task<AliasState?> GetAliasAsync(string model, string aliasName, CancellationToken cancellationToken);

    Task<IReadOnlyList<AliasState>> ListAliasesAsync(string model, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-swap: moves <paramref name="aliasName"/> to <paramref name="version"/> only if it still has
    /// <paramref name="expectedETag"/> (null: only if the alias does not exist yet). False when another writer won.
    /// </summary>
    Task<bool> TrySetAliasAsync(string model, string aliasName, int version, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-swap removal: deletes <paramref name="aliasName"/> only if it still has <paramref name="expectedETag"/>,
    /// with an alias.moved event (to null) in the same transaction. False when another writer won or it is already gone.
    /// </summary>
    Task<bool> TryRemoveAliasAsync(string model, string aliasName, string expectedETag, CancellationToken cancellationToken);
}
