using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mlops.Testing;

namespace Mlops.Cli.Tests.Acceptance;

/// <summary>
/// The built tool against a real DevHost (its own process, Azurite, the real iris sample): what a user and a script see.
/// </summary>
public sealed class CliAcceptanceTests(CliDevHostFixture devHost) : IClassFixture<CliDevHostFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan QuickTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task UploadWatchJson_Iris_EndsCompleted_NamingTheChampionVersionAndItsMetrics()
    {
        var result = await CliProcess.RunAsync(devHost.BaseAddress, RunTimeout, "upload", SampleDatasets.PathOf(SampleDatasets.Iris), "--model", "iris", "--watch", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var run = json.RootElement;
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("promoted").GetBoolean(), result.ToString());
        var version = run.GetProperty("version").GetInt32();
        Assert.Equal(version, run.GetProperty("champion").GetInt32());
        var registered = run.GetProperty("registered");
        Assert.Equal(version, registered.GetProperty("version").GetInt32());
        Assert.Equal("iris", registered.GetProperty("model").GetString());
        Assert.InRange(registered.GetProperty("metrics").GetProperty("macroF1").GetDouble(), 0.8, 1.0);
        Assert.All(run.GetProperty("stages").EnumerateArray(), s => Assert.Equal("Completed", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task UploadWatch_Redirected_ShowsStagesAndTrialsThenTheVersionAndItsMetrics()
    {
        var result = await CliProcess.RunAsync(devHost.BaseAddress, RunTimeout, "upload", SampleDatasets.PathOf(SampleDatasets.Iris), "--model", "iris-lines", "--watch");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("stage validate: Completed (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("stage train: Running", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("stage promote: Completed", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^trials [1-4]/4, best macroF1 (0\.\d+|1) \(\w+, trial \d\)"));
        Assert.Contains(lines, l => l.StartsWith("Version 1 of iris-lines (", StringComparison.Ordinal) && l.Contains("the champion is version 1", StringComparison.Ordinal));
        Assert.Matches(@"macroF1\s+\S\s+(0\.\d{1,4}|1)\s", result.Out);
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task ScoreLocalFile_Out_UploadsScoresAndDownloadsEveryRowInOrder_WithTheRejectedRowBeside()
    {
        var trained = await CliProcess.RunAsync(devHost.BaseAddress, RunTimeout, "upload", SampleDatasets.PathOf(SampleDatasets.Iris), "--model", "iris-batch", "--watch", "--json");
        Assert.True(trained.ExitCode == ExitCodes.Success, trained.ToString());
        var lines = File.ReadAllLines(SampleDatasets.PathOf(SampleDatasets.Iris));
        var directory = Directory.CreateTempSubdirectory("mlops-cli-score-");
        try
        {
            var input = Path.Combine(directory.FullName, "tonight.csv");
            var rows = lines[1..41].Select((l, i) => i == 9 ? "abc" + l[l.IndexOf(',')..l.LastIndexOf(',')] : l[..l.LastIndexOf(',')]);
            await File.WriteAllLinesAsync(input, [lines[0][..lines[0].LastIndexOf(',')], .. rows]);
            var output = Path.Combine(directory.FullName, "scored.csv");

            var result = await CliProcess.RunAsync(devHost.BaseAddress, RunTimeout, "score", "iris-batch", input, "--out", output, "--interval", "0.2");

            Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
            var scored = await File.ReadAllLinesAsync(output);
            Assert.EndsWith(",prediction,probability_setosa,probability_versicolor,probability_virginica,version", scored[0], StringComparison.Ordinal);
            Assert.Equal(39, scored.Length - 1);
            Assert.StartsWith("row,reason", (await File.ReadAllLinesAsync(Path.Combine(directory.FullName, "scored.rejected.csv")))[0], StringComparison.Ordinal);
            Assert.Contains("Scored rows written to " + output, result.Out, StringComparison.Ordinal);
            Assert.Empty(result.Error);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BadModelName_ClearError_UsageExitCode()
    {
        var result = await CliProcess.RunAsync(devHost.BaseAddress, QuickTimeout, "upload", SampleDatasets.PathOf(SampleDatasets.Iris), "--model", "Iris_Flowers");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: Model name 'Iris_Flowers' is invalid: a model name is 1-63 characters of lower-case letters, digits and hyphens, starting with a letter.", result.Error.Trim());
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task UnknownModel_ProblemDetail_ApiErrorExitCode()
    {
        var result = await CliProcess.RunAsync(devHost.BaseAddress, QuickTimeout, "versions", "show", "no-such-model", "1");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.StartsWith("error: Not found (404 RESOURCE_DOES_NOT_EXIST): ", result.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-model", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task ModelsJson_ParsesAsTheApisList()
    {
        var result = await CliProcess.RunAsync(devHost.BaseAddress, QuickTimeout, "models", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.All(json.RootElement.EnumerateArray(), m => Assert.False(string.IsNullOrEmpty(m.GetProperty("name").GetString())));
    }

    [Fact]
    public async Task NothingListening_NamesTheUrl_UnreachableExitCode()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");

        var result = await CliProcess.RunAsync(url, QuickTimeout, "models");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains($"Could not reach the API at {url}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
