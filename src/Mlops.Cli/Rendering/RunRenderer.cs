using Mlops.Cli.Api.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlops.Cli.Rendering;

/// <summary>A run: its header, the stage table (name, status, duration, detail), the search's progress and its findings.</summary>
public static class RunRenderer
{
    private const int BarWidth = 30;

    /// <summary>The whole run as the live view and <c>runs show</c> draw it.</summary>
    public static IRenderable Render(RunView run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(run.RunId)}[/]  {StatusMarkup(run.Status)}  [grey]{Markup.Escape(run.Dataset ?? "")}[/]"),
            Stages(run, now),
        };
        if (run.Search is { } search)
        {
            parts.Add(SearchBar(search));
        }

        if (run.IsFinished)
        {
            parts.Add(new Markup(Markup.Escape(Outcome(run))));
        }

        return new Rows(parts);
    }

    public static Table Stages(RunView run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("stage", "status", "duration", "detail");
        foreach (var stage in run.Stages ?? [])
        {
            table.AddRow(
                new Text(stage.Name),
                new Markup(StatusMarkup(stage.Status)),
                new Text(Formats.Duration(stage.Duration(now))),
                new Text(stage.Detail ?? ""));
        }

        return table;
    }

    /// <summary>The search's progress bar: trials done of planned and the best so far.</summary>
    public static IRenderable SearchBar(SearchView search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var planned = Math.Max(search.TrialsPlanned, 1);
        var filled = (int)Math.Round(BarWidth * Math.Clamp((double)search.TrialsDone / planned, 0, 1));
        var bar = new string('█', filled) + new string('░', BarWidth - filled);
        return new Markup($"trials [green]{bar}[/] {Markup.Escape(SearchLine(search))}");
    }

    /// <summary>"trials 3/12, best accuracy 0.9667 (LightGbm, trial 2)" as a plain line.</summary>
    public static string SearchLine(SearchView search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var line = $"{search.TrialsDone}/{search.TrialsPlanned}";
        if (search.BestValue is { } best)
        {
            var trial = search.BestTrial is { } number ? $", trial {number}" : "";
            line += $", best {search.Metric} {Formats.Metric(best)} ({search.BestTrainer}{trial})";
        }

        if (search.TrialsFailed > 0)
        {
            line += $", {search.TrialsFailed} failed";
        }

        if (search.TrialsStoppedEarly > 0)
        {
            line += $", {search.TrialsStoppedEarly} stopped early";
        }

        return line;
    }

    /// <summary>One sentence on how the run ended.</summary>
    public static string Outcome(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = $"Run {run.RunId} {run.Status}";
        if (run.Version is { } version)
        {
            text += $": version {version} registered, {(run.Promoted ? "promoted to champion" : "not promoted")}";
        }

        return string.IsNullOrWhiteSpace(run.Reason) ? text + "." : $"{text}. {run.Reason}";
    }

    /// <summary>The run's validation findings, warnings of accepted data included.</summary>
    public static Table Findings(IReadOnlyList<FindingView> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("severity", "rule", "column", "message", "mitigation");
        foreach (var finding in findings)
        {
            table.AddRow(finding.Severity, finding.Rule, finding.Column ?? "", finding.Message, finding.Mitigation ?? "");
        }

        return table;
    }

    public static Table List(IEnumerable<RunSummary> runs, bool withModel)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (withModel)
        {
            table.AddColumn("model");
        }

        table.AddColumns("run", "status", "started", "trigger", "dataset", "version");
        foreach (var run in runs)
        {
            var cells = new List<IRenderable>();
            if (withModel)
            {
                cells.Add(new Text(ModelOf(run.RunId)));
            }

            cells.Add(new Text(run.RunId));
            cells.Add(new Markup(StatusMarkup(run.Status)));
            cells.Add(new Text(Formats.Time(run.StartedAt)));
            cells.Add(new Text(run.Trigger?.Kind ?? ""));
            cells.Add(new Text(run.Dataset ?? ""));
            cells.Add(new Text(run.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
            table.AddRow(cells);
        }

        return table;
    }

    public static string StatusMarkup(string status) => status switch
    {
        "Completed" => "[green]Completed[/]",
        "Quarantined" => "[yellow]Quarantined[/]",
        "Failed" => "[red]Failed[/]",
        "Running" => "[blue]Running[/]",
        "Skipped" => "[grey]Skipped[/]",
        _ => Markup.Escape(status),
    };

    /// <summary>Run ids are "{model}-{16 hex}".</summary>
    private static string ModelOf(string runId) => runId.Length > 17 ? runId[..^17] : runId;
}
