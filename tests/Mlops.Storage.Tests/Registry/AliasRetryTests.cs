using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Registry;
using Mlops.Storage.Registry;
using Mlops.Storage.Tests.Retention;

namespace Mlops.Storage.Tests.Registry;

public sealed class AliasRetryTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly RetentionStorage storage = new(fixture);

    [Fact]
    public async Task AnAliasMoveThatLandedButWhoseAnswerWasLost_IsReportedAsMoved()
    {
        // A first champion under load: the insert commits, its answer times out, the client sends it again and the
        // service answers that the alias exists. The alias names the version asked for, so the move happened.
        var model = TestModels.Unique("lost");
        await storage.RegisterAsync(model, 1);
        var repeated = new RepeatedBatches();
        var registry = new TableModelRegistry(
            new StorageClients(fixture.Get<IOptions<StorageOptions>>(), repeated),
            TimeProvider.System,
            [],
            NullLogger<TableModelRegistry>.Instance);

        repeated.Arm();
        var moved = await registry.TrySetAliasAsync(model, Aliases.Champion, 1, null, CancellationToken.None);

        Assert.True(moved);
        Assert.Equal(1, (await storage.Registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task AnAliasMovedByAnotherWriterToAnotherVersion_IsStillARaceLost()
    {
        var model = TestModels.Unique("race");
        await storage.RegisterAsync(model, 2);
        Assert.True(await storage.Registry.TrySetAliasAsync(model, Aliases.Champion, 2, null, CancellationToken.None));

        Assert.False(await storage.Registry.TrySetAliasAsync(model, Aliases.Champion, 1, null, CancellationToken.None));
        Assert.Equal(2, (await storage.Registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None))?.Version);
    }
}
