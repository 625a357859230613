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
    public async Task Commit_WritesTheHeaderAndTheStagedChunksInOrder_AndNamesTheJob()
    {
        var (model, job) = Unique();
        await Store.StageAsync(job, $"{model}/x.csv", 2, Encoding.UTF8.GetBytes("3,c\n"), default);
        await Store.StageAsync(job, $"{model}/x.csv", 0, Encoding.UTF8.GetBytes("1,a\n2,b\n"), default);

        await Store.CommitAsync(job, $"{model}/x.csv", "id,v\n", [0, 2], default);

        Assert.Equal("id,v\n1,a\n2,b\n3,c\n", await ReadAsync($"{model}/x.csv"));
        Assert.True(await Store.IsPublishedAsync(job, $"{model}/x.csv", default));
        Assert.False(await Store.IsPublishedAsync(job + "0", $"{model}/x.csv", default));
    }

    [Fact]
    public async Task Upload_IsDescribedAsUploaded_WhileAFileDroppedOverItIsNot()
    {
        var (model, _) = Unique();

        var stored = await Store.UploadAsync(model, "in.csv", new MemoryStream(Encoding.UTF8.GetBytes("a\n1\n")), default);

        Assert.True(stored.Uploaded);
        Assert.Equal(4, stored.Length);
        Assert.Equal(stored, await Store.DescribeAsync(model, "in.csv", default));
        await fixture.Clients.Container(StorageNames.ScoringContainer).GetBlobClient($"{model}/in.csv").UploadAsync(BinaryData.FromString("a\n2\n"), overwrite: true);
        Assert.False((await Store.DescribeAsync(model, "in.csv", default))!.Uploaded);
    }

    [Fact]
    public async Task OpenPublished_ServesOnlyTheJobThatPublishedTheFile()
    {
        var (model, job) = Unique();
        await Store.StageAsync(job, $"{model}/x.csv", 0, Encoding.UTF8.GetBytes("1,a\n"), default);
        await Store.CommitAsync(job, $"{model}/x.csv", "id,v\n", [0], default);

        await using (var published = await Store.OpenPublishedAsync(job, $"{model}/x.csv", default))
        {
            Assert.NotNull(published);
            Assert.Equal("id,v\n1,a\n", await new StreamReader(published).ReadToEndAsync());
        }

        Assert.Null(await Store.OpenPublishedAsync(job + "0", $"{model}/x.csv", default));
        Assert.Null(await Store.OpenPublishedAsync(job, $"{model}/absent.csv", default));
    }

    [Fact]
    public async Task StagedChunks_AreInvisibleUntilTheCommit()
    {
        var (model, job) = Unique();

        await Store.StageAsync(job, $"{model}/x.csv", 0, Encoding.UTF8.GetBytes("1\n"), default);

        Assert.False((await Scored.GetBlobClient($"{model}/x.csv").ExistsAsync()).Value);
        Assert.False(await Store.IsPublishedAsync(job, $"{model}/x.csv", default));
    }

    [Fact]
    public async Task AChunkStagedAgain_AndTheCommitRunAgain_WriteTheSameFileOnce()
    {
        var (model, job) = Unique();
        await Store.StageAsync(job, $"{model}/x.csv", 0, Encoding.UTF8.GetBytes("1\n"), default);
        await Store.StageAsync(job, $"{model}/x.csv", 1, Encoding.UTF8.GetBytes("2\n"), default);
        await Store.CommitAsync(job, $"{model}/x.csv", "v\n", [0, 1], default);

        // A retried chunk stages the same bytes under its block again, and the commit runs again.
        await Store.StageAsync(job, $"{model}/x.csv", 1, Encoding.UTF8.GetBytes("2\n"), default);
        await Store.CommitAsync(job, $"{model}/x.csv", "v\n", [0, 1], default);

        Assert.Equal("v\n1\n2\n", await ReadAsync($"{model}/x.csv"));
    }

    [Fact]
    public async Task Commit_OfAChunkNeverStaged_FailsAndLeavesNoOutput()
    {
        var (model, job) = Unique();

        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync(job, $"{model}/x.csv", "v\n", [0], default));

        Assert.False((await Scored.GetBlobClient($"{model}/x.csv").ExistsAsync()).Value);
    }

    [Fact]
    public async Task RemoveStale_RemovesAnotherJobsFile_AndKeepsThisJobsOwn()
    {
        var (model, job) = Unique();
        var (_, earlier) = Unique();
        await Store.StageAsync(earlier, $"{model}/x.rejected.csv", 0, Encoding.UTF8.GetBytes("1,bad\n"), default);
        await Store.CommitAsync(earlier, $"{model}/x.rejected.csv", "row,reason\n", [0], default);
        await Store.StageAsync(job, $"{model}/y.rejected.csv", 0, Encoding.UTF8.GetBytes("1,bad\n"), default);
        await Store.CommitAsync(job, $"{model}/y.rejected.csv", "row,reason\n", [0], default);

        await Store.RemoveStaleAsync(job, $"{model}/x.rejected.csv", default);
        await Store.RemoveStaleAsync(job, $"{model}/y.rejected.csv", default);
        await Store.RemoveStaleAsync(job, $"{model}/absent.rejected.csv", default);

        Assert.False((await Scored.GetBlobClient($"{model}/x.rejected.csv").ExistsAsync()).Value);
        Assert.True((await Scored.GetBlobClient($"{model}/y.rejected.csv").ExistsAsync()).Value);
    }

    [Fact]
    public async Task OpenRange_ReadsThoseBytes_AndAnEmptyRangeNothing()
    {
        var (model, _) = Unique();
        await fixture.Clients.Container(StorageNames.ScoringContainer).GetBlobClient($"{model}/in.csv").UploadAsync(BinaryData.FromString("a\n12\n345\n"));
        var described = await Store.DescribeAsync(model, "in.csv", default);

        await using var range = await Store.OpenRangeAsync(described!, 5, 9, default);
        await using var empty = await Store.OpenRangeAsync(described!, 9, 9, default);

        Assert.Equal("345\n", await new StreamReader(range).ReadToEndAsync());
        Assert.Equal(string.Empty, await new StreamReader(empty).ReadToEndAsync());
    }

    [Fact]
    public async Task OpenReadOrRange_AfterTheFileChanged_IsAConflictNamingTheFile()
    {
        var (model, _) = Unique();
        var blob = fixture.Clients.Container(StorageNames.ScoringContainer).GetBlobClient($"{model}/in.csv");
        await blob.UploadAsync(BinaryData.FromString("a\n1\n"));
        var described = await Store.DescribeAsync(model, "in.csv", default);
        await blob.UploadAsync(BinaryData.FromString("a\n2\n"), overwrite: true);

        var error = await Assert.ThrowsAsync<MlopsException>(() => Store.OpenReadAsync(described!, default));
        var rangeError = await Assert.ThrowsAsync<MlopsException>(() => Store.OpenRangeAsync(described!, 2, 4, default));

        Assert.Equal(MlopsErrorCode.Conflict, error.Code);
        Assert.Contains($"'{model}/in.csv' changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(MlopsErrorCode.Conflict, rangeError.Code);
        Assert.Null(await Store.DescribeAsync(model, "absent.csv", default));
    }

    private async Task<string> ReadAsync(string name) => (await Scored.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();

    private static (string Model, string Job) Unique()
    {
        var model = "s" + Guid.NewGuid().ToString("N")[..12];
        return (model, ScoringJobIds.For(model, "x.csv", Guid.NewGuid().ToString("N"), 1));
    }
}
