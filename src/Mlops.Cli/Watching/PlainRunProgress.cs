using Mlops.Cli.Api.Contracts;
using Mlops.Cli.Output;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Watching;

/// <summary>
/// A run's progress as plain lines, one per change (a stage starting or ending, a trial finishing), for output that is
/// not a terminal: a log or a CI job reads the same story the live view draws, without escape codes.
/// </summary>
public sealed class PlainRunProgress(ICliOutput output)
{
    private readonly Dictionary<string, string> stages = new(StringComparer.Ordinal);
    private string? status;
    private string? search;

    public void Update(RunView run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status != status)
        {
            status = run.Status;
            output.Line($"run {run.RunId}: {run.Status}");
        }

        foreach (var stage in run.Stages ?? [])
        {
            var known = stages.TryGetValue(stage.Name, out var seen);
            if ((known && seen == stage.Status) || (!known && stage.Status == "Pending"))
            {
                continue;
            }

            stages[stage.Name] = stage.Status;
            output.Line(StageLine(stage, now));
        }

        if (run.Search is { } searched && RunRenderer.SearchLine(searched) is var line && line != search)
        {
            search = line;
            output.Line("trials " + line);
        }
    }

    /// <summary>"stage train: Completed (12.3 s) 4 trials..." .</summary>
    public static string StageLine(StageView stage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var line = $"stage {stage.Name}: {stage.Status}";
        if (stage.EndedAt is not null)
        {
            line += $" ({Formats.Duration(stage.Duration(now))})";
        }

        return string.IsNullOrWhiteSpace(stage.Detail) ? line : $"{line} {stage.Detail}";
    }
}
