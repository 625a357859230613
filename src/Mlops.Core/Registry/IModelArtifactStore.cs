namespace Mlops.Core.Registry;

/// <summary>The models container: model.zip, manifest.json and run candidates, addressed by <see cref="ArtifactPaths"/>.</summary>
public interface IModelArtifactStore
{
    /// <summary>Writes (or overwrites) the artifact; writers own their paths, so overwriting is a retry, not a race.</summary>
    Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the artifact once (a conditional create): finding the same bytes there already is this write retried and
    /// succeeds; different bytes are refused, so a registered version's model can never be replaced.
    /// </summary>
    Task CreateAsync(string path, BinaryData content, CancellationToken cancellationToken);

    /// <summary>The artifact, or null when it does not exist.</summary>
    Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The paths of the artifacts under <paramref name="folder"/> (a path ending in '/'), in name order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every artifact under <see cref="ArtifactPaths.VersionFolder"/>; run candidates are not there. Finding none is
    /// not an error, so an interrupted deletion can run again. Returns how many artifacts this call deleted.
    /// </summary>
    Task<int> DeleteVersionAsync(string model, int version, CancellationToken cancellationToken);
}
