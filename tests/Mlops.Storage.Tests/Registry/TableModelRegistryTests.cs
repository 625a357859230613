using Mlops.Core.Errors;
using Mlops.Core.Registry;

namespace Mlops.Storage.Tests.Registry;

public class TableModelRegistryTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IModelRegistry registry = fixture.Get<IModelRegistry>();

    [Fact]
    public async Task ReserveVersionAsync_SameRunTwice_ReturnsTheSameNumber()
    {
        var model = TestModels.Unique("reg");

        var first = await registry.ReserveVersionAsync(model, "run-a", CancellationToken.None);
        var again = await registry.ReserveVersionAsync(model, "run-a", CancellationToken.None);
        var other = await registry.ReserveVersionAsync(model, "run-b", CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(1, again);
        Assert.Equal(2, other);
    }

    [Fact]
    public async Task ReserveVersionAsync_EightRunsRacing_GetEightConsecutiveNumbers()
    {
        var model = TestModels.Unique("reg");

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => registry.ReserveVersionAsync(model, $"run-{i}", CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 8), versions.Order());
    }

    [Fact]
    public async Task ReserveVersionAsync_OneRunRacingItself_GetsOneNumber()
    {
        var model = TestModels.Unique("reg");

        var versions = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => registry.ReserveVersionAsync(model, "run-same", CancellationToken.None))));

        Assert.All(versions, v => Assert.Equal(1, v));
        Assert.Equal(2, await registry.ReserveVersionAsync(model, "run-next", CancellationToken.None));
    }

    [Fact]
    public async Task CommitVersionAsync_Twice_IsIdempotent_AndRoundTripsEveryField()
    {
        var model = TestModels.Unique("reg");
        var number = await registry.ReserveVersionAsync(model, "run-a", CancellationToken.None);
        var version = ModelVersions.For(model, number, "run-a");

        await registry.CommitVersionAsync(version, CancellationToken.None);
        await registry.CommitVersionAsync(version, CancellationToken.None);

        var stored = await registry.GetVersionAsync(model, number, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(version.CreatedAt, stored.CreatedAt);
        Assert.Equal(version.RunId, stored.RunId);
        Assert.Equal(version.Trainer, stored.Trainer);
        Assert.Equal(version.ModelSha256, stored.ModelSha256);
        Assert.Equal(version.Parameters, stored.Parameters);
        Assert.Equal(version.Metrics, stored.Metrics);
        Assert.Equal(version.Schema.Features, stored.Schema.Features);
        Assert.Equal(version.Schema.ClassLabels, stored.Schema.ClassLabels);
        Assert.Equal(version.Schema.Task, stored.Schema.Task);
        Assert.Equal(version.Lineage, stored.Lineage);
        Assert.Single(await registry.ListVersionsAsync(model, CancellationToken.None));
    }

    [Fact]
    public async Task CommitVersionAsync_SchemaLargerThanATableProperty_IsSplitAndReadBack()
    {
        var model = TestModels.Unique("reg");
        var number = await registry.ReserveVersionAsync(model, "run-wide", CancellationToken.None);
        var version = ModelVersions.For(model, number, "run-wide", features: 3_000);

        await registry.CommitVersionAsync(version, CancellationToken.None);

        var stored = await registry.GetVersionAsync(model, number, CancellationToken.None);
        Assert.Equal(version.Schema.Features, stored?.Schema.Features);
    }

    [Fact]
    public async Task ListVersionsAsync_OnlyCommittedVersions_OldestFirst()
    {
        var model = TestModels.Unique("reg");
        var one = await registry.ReserveVersionAsync(model, "run-1", CancellationToken.None);
        var two = await registry.ReserveVersionAsync(model, "run-2", CancellationToken.None);
        var three = await registry.ReserveVersionAsync(model, "run-3", CancellationToken.None);
        await registry.CommitVersionAsync(ModelVersions.For(model, three, "run-3"), CancellationToken.None);
        await registry.CommitVersionAsync(ModelVersions.For(model, one, "run-1"), CancellationToken.None);

        var versions = await registry.ListVersionsAsync(model, CancellationToken.None);

        Assert.Equal([one, three], versions.Select(v => v.Version));
        Assert.Null(await registry.GetVersionAsync(model, two, CancellationToken.None));
    }

    [Fact]
    public async Task CommitVersionAsync_VersionReservedByAnotherRun_Throws()
    {
        var model = TestModels.Unique("reg");
        var number = await registry.ReserveVersionAsync(model, "run-owner", CancellationToken.None);
        await registry.ReserveVersionAsync(model, "run-other", CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => registry.CommitVersionAsync(ModelVersions.For(model, number, "run-other"), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => registry.CommitVersionAsync(ModelVersions.For(model, 7, "run-never-reserved"), CancellationToken.None));
    }

    [Fact]
    public async Task TrySetAliasAsync_CompareAndSwap()
    {
        var model = TestModels.Unique("reg");
        var v1 = await CommitAsync(model, "run-1");
        var v2 = await CommitAsync(model, "run-2");

        Assert.True(await registry.TrySetAliasAsync(model, Aliases.Champion, v1, null, CancellationToken.None));
        Assert.False(await registry.TrySetAliasAsync(model, Aliases.Champion, v2, null, CancellationToken.None));
        var created = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        Assert.Equal(v1, created?.Version);

        Assert.True(await registry.TrySetAliasAsync(model, Aliases.Champion, v2, created!.ETag, CancellationToken.None));
        Assert.False(await registry.TrySetAliasAsync(model, Aliases.Champion, v1, created.ETag, CancellationToken.None));

        var moved = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        Assert.Equal(v2, moved?.Version);
        Assert.NotEqual(created.ETag, moved?.ETag);
    }

    [Fact]
    public async Task TrySetAliasAsync_ExpectedETagButNoAlias_ReturnsFalse()
    {
        var model = TestModels.Unique("reg");
        var v1 = await CommitAsync(model, "run-1");

        Assert.False(await registry.TrySetAliasAsync(model, Aliases.Challenger, v1, "W/\"datetime'2020-01-01T00%3A00%3A00Z'\"", CancellationToken.None));
    }

    [Fact]
    public async Task TrySetAliasAsync_MissingOrUncommittedVersion_ThrowsNotFound()
    {
        var model = TestModels.Unique("reg");
        var reservedOnly = await registry.ReserveVersionAsync(model, "run-1", CancellationToken.None);

        var missing = await Assert.ThrowsAsync<MlopsException>(() => registry.TrySetAliasAsync(model, Aliases.Champion, 42, null, CancellationToken.None));
        var uncommitted = await Assert.ThrowsAsync<MlopsException>(() => registry.TrySetAliasAsync(model, Aliases.Champion, reservedOnly, null, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.ResourceDoesNotExist, missing.Code);
        Assert.Equal(MlopsErrorCode.ResourceDoesNotExist, uncommitted.Code);
    }

    [Fact]
    public async Task TrySetAliasAsync_Latest_ThrowsInvalid()
    {
        var model = TestModels.Unique("reg");
        var v1 = await CommitAsync(model, "run-1");

        var error = await Assert.ThrowsAsync<MlopsException>(() => registry.TrySetAliasAsync(model, Aliases.Latest, v1, null, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    [Theory]
    [InlineData("Champion")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task TrySetAliasAsync_InvalidAliasName_ThrowsInvalid(string alias)
    {
        var model = TestModels.Unique("reg");
        var v1 = await CommitAsync(model, "run-1");

        var error = await Assert.ThrowsAsync<MlopsException>(() => registry.TrySetAliasAsync(model, alias, v1, null, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    [Fact]
    public async Task GetAliasAsync_Latest_IsTheNewestCommittedVersion()
    {
        var model = TestModels.Unique("reg");
        Assert.Null(await registry.GetAliasAsync(model, Aliases.Latest, CancellationToken.None));
        await CommitAsync(model, "run-1");
        var v2 = await CommitAsync(model, "run-2");
        await registry.ReserveVersionAsync(model, "run-3", CancellationToken.None);

        Assert.Equal(v2, (await registry.GetAliasAsync(model, Aliases.Latest, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task ListAliasesAsync_ReturnsEveryAliasOfTheModel()
    {
        var model = TestModels.Unique("reg");
        var v1 = await CommitAsync(model, "run-1");
        var v2 = await CommitAsync(model, "run-2");
        await registry.TrySetAliasAsync(model, Aliases.Champion, v1, null, CancellationToken.None);
        await registry.TrySetAliasAsync(model, Aliases.Challenger, v2, null, CancellationToken.None);

        var aliases = await registry.ListAliasesAsync(model, CancellationToken.None);

        Assert.Equal([(Aliases.Challenger, v2), (Aliases.Champion, v1)], aliases.Select(a => (a.Alias, a.Version)).Order());
    }

    [Fact]
    public async Task ListModelsAsync_ModelsWithTheirAliasesAndLatestVersion()
    {
        var alpha = TestModels.Unique("list");
        var beta = TestModels.Unique("list");
        var reservedOnly = TestModels.Unique("list");
        var a1 = await CommitAsync(alpha, "run-1");
        var a2 = await CommitAsync(alpha, "run-2");
        await registry.TrySetAliasAsync(alpha, Aliases.Champion, a1, null, CancellationToken.None);
        var b1 = await CommitAsync(beta, "run-1");
        await registry.ReserveVersionAsync(beta, "run-2", CancellationToken.None);
        await registry.ReserveVersionAsync(reservedOnly, "run-1", CancellationToken.None);

        var models = (await registry.ListModelsAsync(CancellationToken.None)).ToDictionary(m => m.Name);

        Assert.Equal(a2, models[alpha].LatestVersion);
        Assert.Equal(new Dictionary<string, int> { [Aliases.Champion] = a1 }, models[alpha].Aliases);
        Assert.Equal(b1, models[beta].LatestVersion);
        Assert.Empty(models[beta].Aliases);
        Assert.DoesNotContain(reservedOnly, models.Keys);
    }

    [Fact]
    public async Task ReserveVersionAsync_InvalidModelName_ThrowsInvalid()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => registry.ReserveVersionAsync("Bad Model", "run-1", CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    private async Task<int> CommitAsync(string model, string runId)
    {
        var number = await registry.ReserveVersionAsync(model, runId, CancellationToken.None);
        await registry.CommitVersionAsync(ModelVersions.For(model, number, runId), CancellationToken.None);
        return number;
    }
}
