using System.Diagnostics;
using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>A run survives its host dying mid-training, as on a recycled Functions instance.</summary>
public sealed class RestartEndToEndTests
{
    [Fact]
    public async Task RunInterruptedByKillingTheDevHostMidTraining_CompletesAfterRestartWithExactlyOneVersion()
    {
        var storage = await AzuriteInstance.ConnectionStringAsync();
        var taskHub = TaskHubs.Unique("restart");
        var csv = SyntheticCsv.Binary(rows: 150_000, features: 20, seed: 11);
        string runId;

        await using (var first = await DevHostProcess.StartAsync(storage, taskHub))
        {
            using var api = new MlopsApi(first.BaseAddress);
            runId = (await api.UploadAsync("restartable", csv))["runId"]!.GetValue<string>();
            await WaitForStageRunningAsync(api, runId, "train");
            await first.KillAsync();
        }

        await using var second = await DevHostProcess.StartAsync(storage, taskHub);
        using var resumed = new MlopsApi(second.BaseAddress);
        var run = await resumed.WaitForRunAsync(runId, TimeSpan.FromMinutes(5));

        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        Assert.Equal(1, run["version"]!.GetValue<int>());
        var model = await resumed.GetObjectAsync("api/models/restartable");
        Assert.Single(model["versions"]!.AsArray());
        Assert.Equal(1, model["aliases"]!["champion"]!.GetValue<int>());
    }

    private static async Task WaitForStageRunningAsync(MlopsApi api, string runId, string stage)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var run = await api.GetRunAsync(runId);
            var stages = run["stages"]!.AsArray();
            var current = stages.FirstOrDefault(s => s!["name"]!.GetValue<string>() == stage);
            var status = current?["status"]!.GetValue<string>();
            if (status == "Running")
            {
                return;
            }

            Assert.True(status is null or "Pending", $"The {stage} stage finished before the host could be killed: {run.ToJsonString()}");
            await Task.Delay(100);
        }

        throw new TimeoutException($"The {stage} stage of {runId} never started.");
    }
}
