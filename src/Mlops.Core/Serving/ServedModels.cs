using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Mlops.Core.Errors;
using Mlops.Core.Registry;

namespace Mlops.Core.Serving;

/// <summary>
/// The models being served: each version is loaded once and shared by every request; the champion alias is
/// re-read when its cached value is older than <see cref="ServingOptions.AliasRefreshSeconds"/>, so a promotion
/// reaches serving without a restart.
/// </summary>
public sealed class ServedModels(IModelRegistry registry, IModelArtifactStore artifacts, IOptions<ServingOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CachedAlias> champions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, int Version), Lazy<Task<ModelPredictor>>> predictors = new();

    public async Task<ServedModel> GetChampionAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var version = await ResolveChampionAsync(model, cancellationToken);
        var predictor = await GetPredictorAsync(model, version, cancellationToken);
        return new ServedModel(model, version, Aliases.Champion, predictor);
    }

    private async Task<int> ResolveChampionAsync(string model, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (champions.TryGetValue(model, out var cached) && now - cached.ReadAt < TimeSpan.FromSeconds(options.Value.AliasRefreshSeconds))
        {
            return cached.Version;
        }

        var alias = await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken);
        if (alias is null)
        {
            var versions = await registry.ListVersionsAsync(model, cancellationToken);
            throw MlopsException.NotFound(versions.Count == 0
                ? $"Model '{model}' does not exist."
                : $"Model '{model}' has no champion version to serve.");
        }

        champions[model] = new CachedAlias(alias.Version, now);
        return alias.Version;
    }

    private async Task<ModelPredictor> GetPredictorAsync(string model, int version, CancellationToken cancellationToken)
    {
        var key = (model, version);
        var lazy = predictors.GetOrAdd(key, k => new Lazy<Task<ModelPredictor>>(() => LoadAsync(k.Model, k.Version)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed load must not stick: the next request tries again.
            predictors.TryRemove(new KeyValuePair<(string, int), Lazy<Task<ModelPredictor>>>(key, lazy));
            throw;
        }
    }

    private async Task<ModelPredictor> LoadAsync(string model, int version)
    {
        var manifest = await registry.GetVersionAsync(model, version, CancellationToken.None)
            ?? throw MlopsException.NotFound($"Model '{model}' version {version} does not exist.");
        var zip = await artifacts.ReadAsync(ArtifactPaths.ModelZip(model, version), CancellationToken.None)
            ?? throw new InvalidOperationException($"Model '{model}' version {version} is registered but its model.zip is missing.");
        return ModelPredictor.Load(zip, manifest.Schema);
    }

    private sealed record CachedAlias(int Version, DateTimeOffset ReadAt);
}
