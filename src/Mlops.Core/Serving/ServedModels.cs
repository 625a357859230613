using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Errors;
using Mlops.Core.Registry;

namespace Mlops.Core.Serving;

/// <summary>
/// The models being served: each version is loaded once and shared by every request; the champion alias is
/// re-read in the background when its cached value is older than <see cref="ServingOptions.AliasRefreshSeconds"/>, so a
/// promotion reaches serving without a restart and no request waits for that read. A model.zip whose SHA-256 is not the one its manifest recorded is never loaded:
/// the last good version of the model keeps serving, and the refusal is logged as critical. When the alias moves, the
/// version it left keeps answering until the new one is loaded (no request waits for a load), and is disposed after a
/// grace period that lets its requests in flight finish. An unknown model is remembered as unknown for the same
/// refresh interval, so a flood of requests for it costs no storage reads.
/// </summary>
public sealed class ServedModels(IModelRegistry registry, IModelArtifactStore artifacts, IOptions<ServingOptions> options, TimeProvider clock, ILogger<ServedModels> logger)
{
    /// <summary>How long a refused artifact stays refused before it is downloaded and checked again.</summary>
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(60);

    /// <summary>How long a superseded champion stays loaded for the requests that were already using it.</summary>
    private static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(60);

    private readonly RefreshedValues<CachedAlias> champions = new(
        (model, token) => ReadChampionAsync(registry, model, token),
        clock,
        () => TimeSpan.FromSeconds(options.Value.AliasRefreshSeconds),
        (model, e) => ServingLog.RefreshFailed(logger, model, "champion alias", e.Message));
    private readonly ConcurrentDictionary<(string Model, int Version), Lazy<Task<ModelPredictor>>> predictors = new();
    private readonly ConcurrentDictionary<string, (int Version, ModelPredictor Predictor)> lastGood = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, int Version), (DateTimeOffset At, string Reason)> refused = new();
    private readonly ConcurrentDictionary<(string Model, int Version), DateTimeOffset> warming = new();

    public async Task<ServedModel> GetChampionAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var version = await ResolveChampionAsync(model, cancellationToken);
        var hasCurrent = lastGood.TryGetValue(model, out var current);
        if (hasCurrent && current.Version != version && !IsLoaded(model, version))
        {
            // Hot swap: the new champion loads in the background while the one it replaces keeps answering.
            Warm(model, version);
            return new ServedModel(model, current.Version, Aliases.Champion, current.Predictor);
        }

        try
        {
            var predictor = await GetPredictorAsync(model, version, cancellationToken);

            // Written when the champion changes, not on every request: predict's path stays free of writes. Only a
            // champion counts: an experiment's challenger is no fallback for it.
            if (!hasCurrent || current.Version != version)
            {
                lastGood[model] = (version, predictor);
                if (hasCurrent)
                {
                    Retire(model, current.Version);
                }
            }

            return new ServedModel(model, version, Aliases.Champion, predictor);
        }
        catch (ModelIntegrityException e)
        {
            if (lastGood.TryGetValue(model, out var good) && good.Version != version)
            {
                ServingLog.ServingLastGood(logger, model, good.Version, version);
                return new ServedModel(model, good.Version, Aliases.Champion, good.Predictor);
            }

            throw new MlopsException(
                MlopsErrorCode.ServiceUnavailable,
                $"Model '{model}' version {version} failed its integrity check ({e.Message}) and no earlier version is loaded here to serve instead; an operator must restore the artifact or move the champion alias.");
        }
    }

    /// <summary>
    /// A named version (an experiment's challenger), verified like the champion; null when it cannot be served (missing,
    /// or refused by its integrity check), so the caller falls back to the champion rather than failing the request.
    /// </summary>
    public async Task<ServedModel?> GetVersionAsync(string model, int version, string variant, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        try
        {
            return new ServedModel(model, version, variant, await GetPredictorAsync(model, version, cancellationToken));
        }
        catch (Exception e) when (e is ModelIntegrityException or MlopsException or InvalidOperationException)
        {
            ServingLog.VariantUnavailable(logger, model, version, variant, e.Message);
            return null;
        }
    }

    /// <summary>
    /// A named version for work that must not fall back to another (a batch scoring job): verified and cached like the
    /// champion, shared with predict; throws when it cannot be served (<see cref="MlopsException"/> when it does not exist,
    /// <see cref="ModelIntegrityException"/> when its artifact fails its check).
    /// </summary>
    public Task<ModelPredictor> GetRequiredVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        return GetPredictorAsync(model, version, cancellationToken);
    }

    private async Task<int> ResolveChampionAsync(string model, CancellationToken cancellationToken)
    {
        var alias = await champions.GetAsync(model, cancellationToken);
        return alias.Missing is { } missing ? throw MlopsException.NotFound(missing) : alias.Version;
    }

    private static async Task<CachedAlias> ReadChampionAsync(IModelRegistry registry, string model, CancellationToken cancellationToken)
    {
        if (await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken) is { } alias)
        {
            return new CachedAlias(alias.Version);
        }

        var versions = await registry.ListVersionsAsync(model, cancellationToken);
        return new CachedAlias(0) { Missing = versions.Count == 0 ? $"Model '{model}' does not exist." : $"Model '{model}' has no champion version to serve." };
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
        if (refused.TryGetValue((model, version), out var refusal) && clock.GetUtcNow() - refusal.At < RecheckAfter)
        {
            throw new ModelIntegrityException(refusal.Reason);
        }

        var manifest = await registry.GetVersionAsync(model, version, CancellationToken.None)
            ?? throw MlopsException.NotFound($"Model '{model}' version {version} does not exist.");
        var zip = await artifacts.ReadAsync(ArtifactPaths.ModelZip(model, version), CancellationToken.None)
            ?? throw new InvalidOperationException($"Model '{model}' version {version} is registered but its model.zip is missing.");
        var sha = Convert.ToHexStringLower(SHA256.HashData(zip.ToMemory().Span));
        if (!string.Equals(sha, manifest.ModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            var reason = $"model.zip has SHA-256 {sha[..12]}…, the manifest recorded {Prefix(manifest.ModelSha256)}…";
            refused[(model, version)] = (clock.GetUtcNow(), reason);
            ServingLog.IntegrityFailed(logger, model, version, reason);
            throw new ModelIntegrityException(reason);
        }

        refused.TryRemove((model, version), out _);

        return ModelPredictor.Load(zip, manifest.Schema);
    }

    private static string Prefix(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private bool IsLoaded(string model, int version) =>
        predictors.TryGetValue((model, version), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully;

    /// <summary>Loads a version in the background, at most once per <see cref="RecheckAfter"/> while it keeps failing.</summary>
    private void Warm(string model, int version)
    {
        var now = clock.GetUtcNow();
        if (warming.TryGetValue((model, version), out var started) && now - started < RecheckAfter)
        {
            return;
        }

        warming[(model, version)] = now;
        _ = Task.Run(() => WarmAsync(model, version));
    }

    private async Task WarmAsync(string model, int version)
    {
        try
        {
            await GetPredictorAsync(model, version, CancellationToken.None);
            warming.TryRemove((model, version), out _);
        }
        catch (Exception e) when (e is ModelIntegrityException or MlopsException or InvalidOperationException or InvalidDataException)
        {
            // The requests that follow see the failure the usual way (the last good version serves on).
            ServingLog.VariantUnavailable(logger, model, version, Aliases.Champion, e.Message);
        }
    }

    /// <summary>Unloads a superseded champion once its requests in flight have had time to finish.</summary>
    private void Retire(string model, int version) => _ = Task.Run(async () =>
    {
        await Task.Delay(RetireAfter, clock);
        if (lastGood.TryGetValue(model, out var current) && current.Version == version)
        {
            return;
        }

        if (predictors.TryRemove((model, version), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            lazy.Value.Result.Dispose();
        }
    });

    private sealed record CachedAlias(int Version)
    {
        /// <summary>Why the model cannot be served (unknown, no champion), remembered like a version.</summary>
        public string? Missing { get; init; }
    }
}
