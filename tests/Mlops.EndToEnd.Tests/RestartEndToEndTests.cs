using System.Diagnostics;
using System.Net;
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
            await WaitUntilPastValidationAsync(api, runId);
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

    [Fact]
    public async Task ARunRestartedByHand_ResumesFromItsCheckpoints_WithOneVersion()
    {
        var storage = await AzuriteInstance.ConnectionStringAsync();
        await using var host = await DevHostProcess.StartAsync(storage, TaskHubs.Unique("manual"));
        using var api = new MlopsApi(host.BaseAddress);
        var runId = (await api.UploadAsync("resumable", SyntheticCsv.Binary(rows: 20_000, features: 12, seed: 5)))["runId"]!.GetValue<string>();
        await WaitForTrialsAsync(api, runId, 2);

        var (status, _, body) = await api.SendAsync(HttpMethod.Post, $"api/runs/{runId}/restart", """{"reason":"drill: restart mid-search"}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, body!["attempt"]!.GetValue<int>());

        var run = await api.WaitForRunAsync(runId, TimeSpan.FromMinutes(5));
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        Assert.Equal(2, run["attempt"]!.GetValue<int>());
        var restart = Assert.Single(run["restarts"]!.AsArray());
        Assert.Equal(("Manual", "drill: restart mid-search"), (restart!["kind"]!.GetValue<string>(), restart["reason"]!.GetValue<string>()));
        Assert.Single((await api.GetObjectAsync("api/models/resumable"))["versions"]!.AsArray());
        Assert.Contains("reused its checkpoint", host.Output, StringComparison.Ordinal);

        var (again, contentType, refused) = await api.SendAsync(HttpMethod.Post, $"api/runs/{runId}/restart", null);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("nothing to restart", refused!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Post, "api/runs/resumable-0000000000000000/restart", null)).Status);
    }

    /// <summary>
    /// Waits until the run is past its gate (a later stage running), so a kill lands mid-run however quick training is;
    /// polls fast, and fails only when the run finished before it could be interrupted.
    /// </summary>
    private static async Task WaitUntilPastValidationAsync(MlopsApi api, string runId)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var run = await api.GetRunAsync(runId);
            Assert.True(run["status"]!.GetValue<string>() is "Pending" or "Running", $"The run ended before the host could be killed: {run.ToJsonString()}");
            if (run["stages"]!.AsArray().Any(s => s!["name"]!.GetValue<string>() != "validate" && s["status"]!.GetValue<string>() == "Running"))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{runId} never got past validation.");
    }

    private static async Task WaitForTrialsAsync(MlopsApi api, string runId, int trials)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            var run = await api.GetRunAsync(runId);
            if (run["search"]?["trialsDone"]?.GetValue<int>() >= trials)
            {
                return;
            }

            Assert.True(run["status"]!.GetValue<string>() is "Pending" or "Running", $"The run ended before {trials} trials: {run.ToJsonString()}");
            await Task.Delay(100);
        }

        throw new TimeoutException($"{runId} never finished {trials} trials.");
    }
}
