using System.Text.RegularExpressions;
using Mlops.Testing;

namespace Mlops.Cli.Tests.Acceptance;

/// <summary>
/// The built tool in a real terminal (a 120 by 40 tmux pane) against a real DevHost: the live view a user watches,
/// read off the screen while the run goes and once it has ended. The redirected tests never draw it.
/// </summary>
public sealed class CliTerminalTests(CliDevHostFixture devHost) : IClassFixture<CliDevHostFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ScreenInterval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task UploadWatch_OnATerminal_DrawsTheStagesAndTrialsLiveThenTheVersionAndItsMetrics()
    {
        // What the terminal is decides whether Spectre.Console can draw in place; pinned so that neither the test
        // runner's TERM nor tmux's default-terminal (it differs between versions) decides it.
        var capture = await UploadWatchAsync("iris-tty", "xterm-256color");

        Assert.True(capture.ExitCode == ExitCodes.Success, capture.ToString());

        // Mid-run: the search under way, its stage Running in the table and the bar short of the plan's four trials.
        Assert.True(
            capture.Screens.Any(s => Regex.IsMatch(s, @"│ train\s+│ Running\s+│") && Regex.IsMatch(s, @"^trials [█░]{30} [0-3]/4", RegexOptions.Multiline)),
            $"No screen showed the train stage Running with the trials bar short of 4/4.\n{capture}");

        var final = capture.Final;
        Assert.Matches(@"│ train\s+│ Completed\s+│", final);
        Assert.Matches(@"(?m)^trials █{30} 4/4, best macroF1 (0\.\d+|1) \(\w+, trial \d\)", final);
        Assert.True(Regex.IsMatch(final, @"Run iris-tty-[0-9a-f]{16} Completed: version 1 registered, promoted to champion\."), $"No outcome line for a promoted version 1.\n{capture}");
        Assert.Matches(@"(?m)^Version 1 of iris-tty \(\w+\); the champion is version 1\. Metrics on the holdout:", final);
        Assert.Matches(@"│ macroF1\s+│\s+(0\.\d{1,4}|1) │", final);

        // Redrawn in place, not printed again on each poll: one stage table in the whole scrollback, and none of the
        // plain lines a redirected watch writes.
        Assert.Single(Regex.Matches(final, @"│ stage\s+│ status\s+│"));
        Assert.DoesNotContain("stage train: ", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadWatch_OnATerminalThatCannotMoveTheCursor_WritesPlainLinesNotATablePerPoll()
    {
        // TERM=dumb (Emacs' shell, some CI runners' ttys): the live view cannot redraw in place, so each poll's frame
        // would pile up under the last.
        var capture = await UploadWatchAsync("iris-dumb", "dumb");

        Assert.True(capture.ExitCode == ExitCodes.Success, capture.ToString());
        var final = capture.Final;
        Assert.True(!Regex.IsMatch(final, @"│ stage\s+│ status\s+│"), $"A stage table was drawn.\n{capture}");
        Assert.Matches(@"(?m)^stage train: Running", final);
        Assert.Matches(@"(?m)^trials [1-4]/4, best macroF1 (0\.\d+|1) \(\w+, trial \d\)", final);
        Assert.Matches(@"(?m)^Run iris-dumb-[0-9a-f]{16} Completed: version 1 registered, promoted to champion\.", final);
        Assert.Matches(@"(?m)^Version 1 of iris-dumb \(\w+\); the champion is version 1\. Metrics on the holdout:", final);
        Assert.Matches(@"macroF1\s+\S\s+(0\.\d{1,4}|1)\s", final);
    }

    private async Task<TerminalCapture> UploadWatchAsync(string model, string term)
    {
        var environment = new Dictionary<string, string?>
        {
            ["MLOPS_URL"] = devHost.BaseAddress.ToString(),
            ["MLOPS_KEY"] = null,
            ["TERM"] = term,
        };
        using var terminal = TmuxSession.Start(120, 40, RepositoryPaths.Root, environment, ["dotnet", CliProcess.Assembly, "upload", SampleDatasets.PathOf(SampleDatasets.Iris), "--model", model, "--watch"]);
        return await terminal.WaitForExitAsync(RunTimeout, ScreenInterval);
    }
}
