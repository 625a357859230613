using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Registry;
using Mlops.Core.Retention;
using Mlops.Storage.Tests.Registry;

namespace Mlops.Storage.Tests.Retention;

/// <summary>The registry, artifacts and retention pass of a <see cref="StorageFixture"/>, and versions registered as a run registers them.</summary>
internal sealed class RetentionStorage(StorageFixture fixture)
{
    public static readonly string[] VersionFiles = ["model.zip", "manifest.json", "contract.json"];

    public IModelRegistry Registry { get; } = fixture.Get<IModelRegistry>();

    public IModelArtifactStore Artifacts { get; } = fixture.Get<IModelArtifactStore>();

    public IVersionRetirement Retirement { get; } = fixture.Get<IVersionRetirement>();

    public RetentionPass Pass(int keepVersions, IRetentionPins? pins = null) => new(
        Registry,
        Retirement,
        Artifacts,
        pins ?? new NoRetentionPins(),
        Options.Create(new RetentionOptions { KeepVersions = keepVersions }),
        NullLogger<RetentionPass>.Instance);

    /// <summary>Registers versions 1..<paramref name="count"/>: artifacts first, then the committed row, as RegisterModel does.</summary>
    public async Task RegisterAsync(string model, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var runId = $"run-{i}";
            var number = await Registry.ReserveVersionAsync(model, runId, CancellationToken.None);
            foreach (var file in VersionFiles)
            {
                await Artifacts.WriteAsync($"{model}/{number}/{file}", BinaryData.FromString($"{file} of {number}"), CancellationToken.None);
            }

            await Registry.CommitVersionAsync(ModelVersions.For(model, number, runId), CancellationToken.None);
        }
    }

    public async Task SetAliasAsync(string model, string alias, int version)
    {
        var current = await Registry.GetAliasAsync(model, alias, CancellationToken.None);
        Assert.True(await Registry.TrySetAliasAsync(model, alias, version, current?.ETag, CancellationToken.None));
    }

    /// <summary>Whether the version's row and every one of its artifacts exist (true), none of them (false), or some (throws).</summary>
    public async Task<bool> ExistsWholeAsync(string model, int version)
    {
        var row = await Registry.GetVersionAsync(model, version, CancellationToken.None) is not null;
        var blobs = new List<bool>();
        foreach (var file in VersionFiles)
        {
            blobs.Add(await Artifacts.ReadAsync($"{model}/{version}/{file}", CancellationToken.None) is not null);
        }

        Assert.True(blobs.All(b => b == row), $"Version {version} of {model}: row {(row ? "exists" : "is gone")} but artifacts are [{string.Join(", ", blobs)}].");
        return row;
    }
}
