using System.Text;
using Azure.Storage.Blobs;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;

namespace Mlops.Storage.Tests.Scoring;

public sealed class BlobScoringStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private IScoringStore Store => fixture.Get<IScoringStore>();

    private BlobContainerClient Scored => fixture.Clients.Container(StorageNames.ScoredContainer);

    [Fact]
    public async Task Publish_WritesTheHeaderAndThePartsInOrder_SkippingEmptyParts_AndNamesTheJob()
    {
        var (model, job) = Unique();
        await Store.WritePartAsync(job, "out/000000.csv", Encoding.UTF8.GetBytes("1,a\n2,b\n"), default);
        await Store.WritePartAsync(job, "out/000001.csv", ReadOnlyMemory<byte>.Empty, default);
        await Store.WritePartAsync(job, "out/000002.csv", Encoding.UTF8.GetBytes("3,c\n"), default);

        await Store.PublishAsync(job, $"{model}/x.csv", "id,v\n", ["out/000000.csv", "out/000001.csv", "out/000002.csv"], default);

        Assert.Equal("id,v\n1,a\n2,b\n3,c\n", await ReadAsync($"{model}/x.csv"));
        Assert.True(await Store.IsPublishedAsync(job, $"{model}/x.csv", default));
        Assert.False(await Store.IsPublishedAsync(job + "0", $"{model}/x.csv", default));
    }

    [Fact]
    public async Task Publish_Again_AfterAPartWasRewritten_WritesTheSameFileOnce()
    {
        var (model, job) = Unique();
        await Store.WritePartAsync(job, "out/000000.csv", Encoding.UTF8.GetBytes("1\n"), default);
        await Store.WritePartAsync(job, "out/000001.csv", Encoding.UTF8.GetBytes("2\n"), default);
        await Store.PublishAsync(job, $"{model}/x.csv", "v\n", ["out/000000.csv", "out/000001.csv"], default);

        // A retried chunk overwrites its part with the same bytes, and the publish runs again.
        await Store.WritePartAsync(job, "out/000001.csv", Encoding.UTF8.GetBytes("2\n"), default);
        await Store.PublishAsync(job, $"{model}/x.csv", "v\n", ["out/000000.csv", "out/000001.csv"], default);

        Assert.Equal("v\n1\n2\n", await ReadAsync($"{model}/x.csv"));
    }

    [Fact]
    public async Task Publish_InterruptedBeforeItsCommit_LeavesNoOutput()
    {
        var (model, job) = Unique();

        // A part that does not exist fails the publish after the header was staged, before the commit.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.PublishAsync(job, $"{model}/x.csv", "v\n", ["out/000000.csv"], default));

        Assert.False((await Scored.GetBlobClient($"{model}/x.csv").ExistsAsync()).Value);
    }

    [Fact]
    public async Task DeleteParts_RemovesOnlyThatJobsParts()
    {
        var (_, job) = Unique();
        var (_, other) = Unique();
        await Store.WritePartAsync(job, "in/000000.csv", Encoding.UTF8.GetBytes("x\n"), default);
        await Store.WritePartAsync(other, "in/000000.csv", Encoding.UTF8.GetBytes("y\n"), default);

        await Store.DeletePartsAsync(job, default);
        await Store.DeletePartsAsync(job, default);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.OpenPartAsync(job, "in/000000.csv", default));
        await using var kept = await Store.OpenPartAsync(other, "in/000000.csv", default);
        Assert.Equal("y\n", await new StreamReader(kept).ReadToEndAsync());
    }

    [Fact]
    public async Task OpenRead_AfterTheFileChanged_IsAConflictNamingTheFile()
    {
        var (model, _) = Unique();
        var blob = fixture.Clients.Container(StorageNames.ScoringContainer).GetBlobClient($"{model}/in.csv");
        await blob.UploadAsync(BinaryData.FromString("a\n1\n"));
        var described = await Store.DescribeAsync(model, "in.csv", default);
        await blob.UploadAsync(BinaryData.FromString("a\n2\n"), overwrite: true);

        var error = await Assert.ThrowsAsync<MlopsException>(() => Store.OpenReadAsync(described!, default));

        Assert.Equal(MlopsErrorCode.Conflict, error.Code);
        Assert.Contains($"'{model}/in.csv' changed", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.DescribeAsync(model, "absent.csv", default));
    }

    private async Task<string> ReadAsync(string name) => (await Scored.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();

    private static (string Model, string Job) Unique()
    {
        var model = "s" + Guid.NewGuid().ToString("N")[..12];
        return (model, ScoringJobIds.For(model, "x.csv", Guid.NewGuid().ToString("N"), 1));
    }
}
