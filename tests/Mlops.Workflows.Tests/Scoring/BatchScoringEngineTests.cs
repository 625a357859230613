using System.Globalization;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Storage;
using Mlops.Testing;
using Mlops.Workflows.Scoring;

namespace Mlops.Workflows.Tests.Scoring;

/// <summary>Batch scoring on the real Durable engine over Azurite, with a real champion.</summary>
public sealed class BatchScoringEngineTests(ScoringEngineFixture engine) : IClassFixture<ScoringEngineFixture>
{
    private StorageClients Clients => engine.Services.GetRequiredService<StorageClients>();

    [Fact]
    public async Task Job_OnAThousandRows_CompletesWithEveryRowScoredOnceInInputOrder()
    {
        var file = await DropAsync(ScoringFile(1000));

        var (_, result, metadata) = await ScoreAsync(file);

        Assert.True(result.Completed, result.Reason);
        Assert.Equal((1000, 1000, 0), (result.RowsTotal, result.RowsDone, result.RowsRejected));
        Assert.Equal($"scored/{engine.Model}/{file}", result.Output);
        Assert.Null(result.Rejected);
        Assert.Equal(new ScoringProgress(1000, 1000, 0), metadata.ReadCustomStatusAs<ScoringProgress>());
        var lines = (await ReadScoredAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",prediction,probability_benign,probability_malignant,version", lines[0], StringComparison.Ordinal);
        Assert.Equal(Ids(1, 1000), lines[1..].Select(l => l.Split(',')[0]));
        Assert.All(lines[1..], l => Assert.EndsWith(",1", l, StringComparison.Ordinal));
        Assert.Empty(await UncommittedAsync(file));
    }

    [Fact]
    public async Task Job_WhoseFileLacksAFeature_FailsNamingIt_BeforeAnyChunkIsWritten()
    {
        var file = await DropAsync(ScoringFile(300, drop: "mean_radius"));

        var (_, result, _) = await ScoreAsync(file);

        Assert.False(result.Completed);
        Assert.Contains("lacks the column the model needs: mean_radius", result.Reason, StringComparison.Ordinal);
        Assert.False((await Clients.Container(StorageNames.ScoredContainer).GetBlobClient($"{engine.Model}/{file}").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Job_WithRowsTheModelCannotRead_CompletesAndListsThemWithTheirReasonsInTheSideFile()
    {
        var file = await DropAsync(ScoringFile(250, bad: [5, 180]));

        var (_, result, _) = await ScoreAsync(file);

        Assert.True(result.Completed, result.Reason);
        Assert.Equal((250, 250, 2), (result.RowsTotal, result.RowsDone, result.RowsRejected));
        Assert.Equal($"scored/{engine.Model}/{file[..^4]}.rejected.csv", result.Rejected);
        var rejected = (await ReadScoredAsync($"{file[..^4]}.rejected.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,reason", rejected[0]);
        Assert.Equal(["5", "180"], rejected[1..].Select(l => l.Split(',')[0]));
        Assert.All(rejected[1..], l => Assert.Contains("Column 'mean_texture' holds 'n/a-ish', which is not a number", l, StringComparison.Ordinal));
        var scored = (await ReadScoredAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(Ids(1, 250).Where(id => id is not "5" and not "180"), scored.Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task AFileWithExcelsDelimiterLine_ScoresEveryRowOnce_AndNotTheHeaderAsARow()
    {
        var file = await DropAsync("sep=,\n" + ScoringFile(120));

        var (_, result, _) = await ScoreAsync(file);

        Assert.True(result.Completed, result.Reason);
        Assert.Equal((120, 120, 0), (result.RowsTotal, result.RowsDone, result.RowsRejected));
        var lines = (await ReadScoredAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(Ids(1, 120), lines[1..].Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task AUtf16File_EitherByteOrder_WithOrWithoutAMark_IsScoredInChunksAsItsUtf8Copy()
    {
        // What SQL Server Management Studio and Windows PowerShell save; four chunks of 100 rows, one row unreadable.
        var csv = ScoringFile(350, bad: [205]);
        var utf8 = await DropAsync(csv);
        var little = await DropAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)]);
        var big = await DropAsync(Encoding.BigEndianUnicode.GetBytes(csv));

        var expected = (await ScoreAsync(utf8)).Result;
        var fromLittle = (await ScoreAsync(little)).Result;
        var fromBig = (await ScoreAsync(big)).Result;

        Assert.True(fromLittle.Completed, fromLittle.Reason);
        Assert.True(fromBig.Completed, fromBig.Reason);
        Assert.Equal((350, 350, 1), (fromLittle.RowsTotal, fromLittle.RowsDone, fromLittle.RowsRejected));
        Assert.Equal((350, 350, 1), (fromBig.RowsTotal, fromBig.RowsDone, fromBig.RowsRejected));
        var scored = await ReadScoredAsync(utf8);
        Assert.Equal(Ids(1, 350).Where(id => id != "205"), scored.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..].Select(l => l.Split(',')[0]));
        Assert.Equal(scored, await ReadScoredAsync(little));
        Assert.Equal(scored, await ReadScoredAsync(big));
        Assert.Equal(await ReadScoredAsync(Path.GetFileName(expected.Rejected!)), await ReadScoredAsync(Path.GetFileName(fromBig.Rejected!)));
    }

    [Fact]
    public async Task AUtf16FileCutInTheMiddleOfACharacter_FailsSayingSo_BeforeAnyChunkIsWritten()
    {
        // Past what reading the header decodes, so the plan is what finds the odd byte at the end.
        var file = await DropAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(ScoringFile(2000)), (byte)'1']);

        var (_, result, _) = await ScoreAsync(file);

        Assert.False(result.Completed);
        Assert.Contains("UTF-16", result.Reason, StringComparison.Ordinal);
        Assert.Contains("its last character is cut", result.Reason, StringComparison.Ordinal);
        Assert.False((await Clients.Container(StorageNames.ScoredContainer).GetBlobClient($"{engine.Model}/{file}").ExistsAsync()).Value);
    }

    [Fact]
    public async Task AChunkRunAgain_AndThePublishRunAgain_LeaveEachRowOnceInOrder()
    {
        // What a crash does: the activity that was running when the host died runs again, after its output was written.
        var file = await DropAsync(ScoringFile(350));
        var launcher = engine.Services.GetRequiredService<ScoringLauncher>();
        var (stored, version) = await launcher.ResolveAsync(engine.Model, file, null, null, default);
        var request = new ScoringRequest(engine.Model, file, stored.ETag, version);
        var jobId = ScoringJobIds.For(engine.Model, file, stored.ETag, version);
        var context = new Moq.Mock<TaskActivityContext>().Object;
        var plan = await engine.Services.GetRequiredService<PlanScoring>().RunAsync(context, new PlanScoringInput(jobId, request));
        var score = engine.Services.GetRequiredService<ScoreChunk>();
        var chunks = plan.Ranges.Select(range => new ScoreChunkInput(jobId, request, range, plan.Format!)).ToList();
        var results = new List<ChunkResult>();

        foreach (var chunk in chunks.Append(chunks[1]).Append(chunks[3]))
        {
            results.Add(await score.RunAsync(context, chunk));
        }

        var publish = engine.Services.GetRequiredService<PublishScoring>();
        var input = new PublishScoringInput(jobId, request, plan.Header, [.. results.DistinctBy(r => r.Chunk).OrderBy(r => r.Chunk)]);
        await publish.RunAsync(context, input);
        var first = await ReadScoredAsync(file);
        await publish.RunAsync(context, input);

        Assert.Equal(4, plan.Chunks);
        Assert.Equal(first, await ReadScoredAsync(file));
        Assert.Equal(Ids(1, 350), first.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..].Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task AJobThatLogsItsRows_GivesEachRowAnIdInTheOutput_AndLogsEachOnce_EvenWhenAChunkRunsAgain()
    {
        var file = await DropAsync(ScoringFile(300, bad: [17]));
        var launcher = engine.Services.GetRequiredService<ScoringLauncher>();
        var (stored, version) = await launcher.ResolveAsync(engine.Model, file, null, null, default);
        var request = new ScoringRequest(engine.Model, file, stored.ETag, version) { LogPredictions = true };
        var start = await launcher.StartAsync(engine.Host.Client, stored, version, request, default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var metadata = await engine.Host.Client.WaitForInstanceCompletionAsync(start.JobId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(metadata.ReadOutputAs<ScoringResult>()!.Completed);

        var lines = (await ReadScoredAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",version,prediction_id", lines[0], StringComparison.Ordinal);
        var ids = lines[1..].Select(l => l.Split(',')[^1]).ToList();
        Assert.Equal(299, ids.Distinct().Count());
        Assert.True(PredictionIds.TryGetTime(ids[0], out var at));
        Assert.All(ids, id => Assert.Equal(PredictionIds.ForRow(at, start.JobId, long.Parse(lines[ids.IndexOf(id) + 1].Split(',')[0], CultureInfo.InvariantCulture)), id));

        // What a crash does: a chunk runs again after it logged its rows.
        var context = new Moq.Mock<TaskActivityContext>().Object;
        var plan = await engine.Services.GetRequiredService<PlanScoring>().RunAsync(context, new PlanScoringInput(start.JobId, request));
        var logging = new ChunkLogging(start.JobId, engine.Model, at);
        await engine.Services.GetRequiredService<ScoreChunk>().RunAsync(context, new ScoreChunkInput(start.JobId, request, plan.Ranges[1], plan.Format!) { Logging = logging });

        var log = engine.Services.GetRequiredService<IPredictionLog>();
        var logged = new List<PredictionRecord>();
        await foreach (var record in log.ReadRangeAsync(engine.Model, at, at.AddMinutes(1), default))
        {
            if (record.PredictionId.StartsWith(ids[0][..20], StringComparison.Ordinal))
            {
                logged.Add(record);
            }
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), logged.Select(r => r.PredictionId).Order(StringComparer.Ordinal));
        var middle = await log.GetAsync(engine.Model, ids[150], default);
        Assert.NotNull(middle);
        Assert.Equal(lines[151].Split(',')[^5], middle.Prediction);
        Assert.Equal((version, "batch"), (middle.Version, middle.Variant));
    }

    [Fact]
    public async Task AFileDroppedAgainWithoutBadRows_LeavesNoRejectedFileFromTheEarlierJob()
    {
        var file = await DropAsync(ScoringFile(150, bad: [7]));
        var (_, first, _) = await ScoreAsync(file);
        await Clients.Container(StorageNames.ScoringContainer).GetBlobClient($"{engine.Model}/{file}").UploadAsync(BinaryData.FromString(ScoringFile(150)), overwrite: true);

        var (_, second, _) = await ScoreAsync(file);

        Assert.Equal(1, first.RowsRejected);
        Assert.True(second.Completed, second.Reason);
        Assert.Equal((150, 0), (second.RowsDone, second.RowsRejected));
        Assert.Null(second.Rejected);
        Assert.False((await Clients.Container(StorageNames.ScoredContainer).GetBlobClient($"{engine.Model}/{file[..^4]}.rejected.csv").ExistsAsync()).Value);
    }

    [Fact]
    public async Task TheSameFileStartedTwice_IsOneJob()
    {
        var file = await DropAsync(ScoringFile(120));
        var launcher = engine.Services.GetRequiredService<ScoringLauncher>();
        var (stored, version) = await launcher.ResolveAsync(engine.Model, file, null, null, default);
        var request = new ScoringRequest(engine.Model, file, stored.ETag, version);

        var first = await launcher.StartAsync(engine.Host.Client, stored, version, request, default);
        var second = await launcher.StartAsync(engine.Host.Client, stored, version, request, default);

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(first.JobId, second.JobId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await engine.Host.Client.WaitForInstanceCompletionAsync(first.JobId, timeout.Token);
    }

    private async Task<(string JobId, ScoringResult Result, OrchestrationMetadata Metadata)> ScoreAsync(string file)
    {
        var launcher = engine.Services.GetRequiredService<ScoringLauncher>();
        var (stored, version) = await launcher.ResolveAsync(engine.Model, file, null, null, default);
        var start = await launcher.StartAsync(engine.Host.Client, stored, version, new ScoringRequest(engine.Model, file, stored.ETag, version), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var metadata = await engine.Host.Client.WaitForInstanceCompletionAsync(start.JobId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return (start.JobId, metadata.ReadOutputAs<ScoringResult>()!, metadata);
    }

    private Task<string> DropAsync(string csv) => DropAsync(Encoding.UTF8.GetBytes(csv));

    private async Task<string> DropAsync(byte[] content)
    {
        var file = $"f{Guid.NewGuid():N}.csv";
        await Clients.Container(StorageNames.ScoringContainer).GetBlobClient($"{engine.Model}/{file}").UploadAsync(BinaryData.FromBytes(content));
        return file;
    }

    private async Task<string> ReadScoredAsync(string file) =>
        (await Clients.Container(StorageNames.ScoredContainer).GetBlobClient($"{engine.Model}/{file}").DownloadContentAsync()).Value.Content.ToString();

    /// <summary>Blocks staged for the output and not committed: what a job would leave behind.</summary>
    private async Task<IReadOnlyList<string>> UncommittedAsync(string file)
    {
        var blob = Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetBlockBlobClient(Clients.Container(StorageNames.ScoredContainer), $"{engine.Model}/{file}");
        var blocks = await blob.GetBlockListAsync(Azure.Storage.Blobs.Models.BlockListTypes.Uncommitted);
        return [.. blocks.Value.UncommittedBlocks.Select(b => b.Name)];
    }

    private static IEnumerable<string> Ids(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => i.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The sample's rows, the label dropped as a caller's file would have it, with an "id" column first (1-based), rows
    /// repeated to reach <paramref name="rows"/>; cells of mean_texture made unreadable in the <paramref name="bad"/> rows.
    /// </summary>
    private static string ScoringFile(int rows, string? drop = null, int[]? bad = null)
    {
        var lines = Encoding.UTF8.GetString(SampleDatasets.Bytes(SampleDatasets.BreastCancer)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => header[i] != "label" && header[i] != drop).ToArray();
        var texture = Array.IndexOf(header, "mean_texture");
        var csv = new StringBuilder("id,").AppendJoin(',', keep.Select(i => header[i])).Append('\n');
        for (var r = 1; r <= rows; r++)
        {
            var cells = lines[1 + ((r - 1) % (lines.Length - 1))].Split(',');
            if (bad?.Contains(r) == true)
            {
                cells[texture] = "n/a-ish";
            }

            csv.Append(r.ToString(CultureInfo.InvariantCulture)).Append(',').AppendJoin(',', keep.Select(i => cells[i])).Append('\n');
        }

        return csv.ToString();
    }
}
