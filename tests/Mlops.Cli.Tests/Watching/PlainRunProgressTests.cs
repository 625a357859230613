using Mlops.Cli.Api.Contracts;
using Mlops.Cli.Output;
using Mlops.Cli.Watching;

namespace Mlops.Cli.Tests.Watching;

public class PlainRunProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Update_PrintsEachChangeOnce_AndNoPendingStages()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var progress = new PlainRunProgress(new ConsoleOutput(stdout, stderr, interactive: false));
        var running = Run("Running", new StageView("validate", "Running", Start, null, null), new StageView("train", "Pending", null, null, null));
        var validated = Run("Running", new StageView("validate", "Completed", Start, Start.AddSeconds(2), "150 rows"), new StageView("train", "Pending", null, null, null));

        progress.Update(running, Start.AddSeconds(1));
        progress.Update(running, Start.AddSeconds(1.5));
        progress.Update(validated, Start.AddSeconds(3));

        Assert.Equal(
            ["run iris-0123456789abcdef: Running", "stage validate: Running", "stage validate: Completed (2.0 s) 150 rows"],
            stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Update_SearchProgress_PrintsTrialsDoneOfPlanned()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var progress = new PlainRunProgress(new ConsoleOutput(stdout, stderr, interactive: false));

        progress.Update(Run("Running") with { Search = new SearchView(1, 4, 0, 0, "auc", "FastTree", 0.91234, 0) }, Start);
        progress.Update(Run("Running") with { Search = new SearchView(3, 4, 1, 0, "auc", "LightGbm", 0.95, 2) }, Start);

        var lines = stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("trials 1/4, best auc 0.9123 (FastTree, trial 0)", lines[1]);
        Assert.Equal("trials 3/4, best auc 0.95 (LightGbm, trial 2), 1 failed", lines[2]);
    }

    private static RunView Run(string status, params StageView[] stages) =>
        new("iris-0123456789abcdef", "iris", "iris/a.csv", status, stages, null, false, null);
}
