using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Errors;
using Mlops.Storage.Registry;

namespace Mlops.Storage.Tests.Retention;

/// <summary>Retention and alias moves to the versions it is deleting, at once: no alias may end on a deleted version.</summary>
public sealed class RetentionRaceTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private const int Rounds = 4;
    private const int Moves = 50;
    private const int Versions = 12;
    private const int Kept = 2;

    private readonly RetentionStorage storage = new(fixture);

    [Fact]
    public async Task AliasMovesToOldVersionsDuringRetention_NeverLeaveAnAliasOnADeletedVersion()
    {
        var outcomes = new Outcomes();
        for (var round = 0; round < Rounds; round++)
        {
            var model = TestModels.Unique("race");
            await storage.RegisterAsync(model, Versions);
            string[] aliases = ["champion", "challenger", "stable", "canary", "previous"];
            using var go = new ManualResetEventSlim();

            var moves = Enumerable.Range(0, Moves).Select(i => Task.Run(async () =>
            {
                go.Wait();
                await MoveAsync(model, aliases[i % aliases.Length], 1 + (i % (Versions - Kept)), outcomes);
            })).ToList();
            var pass = Task.Run(async () =>
            {
                go.Wait();
                return await storage.Pass(Kept).RunAsync(model, CancellationToken.None);
            });
            go.Set();
            await Task.WhenAll(moves);
            var report = await pass;

            foreach (var alias in await storage.Registry.ListAliasesAsync(model, CancellationToken.None))
            {
                Assert.True(
                    await storage.ExistsWholeAsync(model, alias.Version),
                    $"Round {round}: alias '{alias.Alias}' points at version {alias.Version}, which retention deleted ({string.Join(',', report.Deleted)}).");
            }

            foreach (var version in report.Deleted)
            {
                Assert.False(await storage.ExistsWholeAsync(model, version));
            }

            Assert.Empty(await storage.Retirement.ListRetiringAsync(model, CancellationToken.None));
        }

        // The race was real: some moves landed and some were refused because their version was retiring or gone.
        Assert.True(outcomes.Moved > 0, $"no move landed: {outcomes}");
        Assert.True(outcomes.Refused > 0, $"no move met a retiring or deleted version: {outcomes}");
    }

    [Fact]
    public async Task AnAliasMoveReadBeforeTheMark_AndCommittedAfterRetentionsLastLook_IsRefused()
    {
        var model = TestModels.Unique("race");
        await storage.RegisterAsync(model, 3);
        var held = new HeldBatches();
        var slowRegistry = new TableModelRegistry(
            new StorageClients(fixture.Get<IOptions<StorageOptions>>(), held),
            TimeProvider.System,
            [],
            NullLogger<TableModelRegistry>.Instance);

        // The move reads version 1 (not retiring yet) and its transaction is held on its way to the service...
        held.Arm();
        var move = slowRegistry.TrySetAliasAsync(model, "champion", 1, null, CancellationToken.None);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // ...while a whole pass marks version 1, looks at the aliases (none yet) and deletes it.
        var report = await storage.Pass(keepVersions: 1).RunAsync(model, CancellationToken.None);
        held.Release();

        Assert.Equal([1, 2], report.Deleted);
        var refused = await Assert.ThrowsAsync<MlopsException>(() => move);
        Assert.Equal(MlopsErrorCode.ResourceDoesNotExist, refused.Code);
        Assert.Null(await storage.Registry.GetAliasAsync(model, "champion", CancellationToken.None));
    }

    private async Task MoveAsync(string model, string alias, int version, Outcomes outcomes)
    {
        try
        {
            var current = await storage.Registry.GetAliasAsync(model, alias, CancellationToken.None);
            if (await storage.Registry.TrySetAliasAsync(model, alias, version, current?.ETag, CancellationToken.None))
            {
                Interlocked.Increment(ref outcomes.Moved);
            }
            else
            {
                Interlocked.Increment(ref outcomes.Lost);
            }
        }
        catch (MlopsException e) when (e.Code is MlopsErrorCode.Conflict or MlopsErrorCode.ResourceDoesNotExist)
        {
            Interlocked.Increment(ref outcomes.Refused);
        }
    }

    private sealed class Outcomes
    {
#pragma warning disable SA1401, CA1051 // Interlocked needs fields.
        public int Moved;
        public int Lost;
        public int Refused;
#pragma warning restore SA1401, CA1051

        public override string ToString() => $"{Moved} moved, {Lost} lost a compare-and-swap, {Refused} refused";
    }
}
