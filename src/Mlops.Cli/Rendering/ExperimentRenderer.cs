using System.Globalization;
using Mlops.Cli.Api.Contracts;
using Spectre.Console;

namespace Mlops.Cli.Rendering;

/// <summary>A model's experiments as a table, and one experiment in full.</summary>
public static class ExperimentRenderer
{
    public static Table List(IEnumerable<ExperimentView> experiments)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "status", "strategy", "traffic", "champion", "challenger", "started", "decision");
        foreach (var e in experiments)
        {
            table.AddRow(
                Markup.Escape(e.Id),
                Markup.Escape(e.Status),
                Markup.Escape(e.Strategy),
                Formats.Share(e.Traffic),
                e.Champion.Version.ToString(CultureInfo.InvariantCulture),
                e.Challenger.Version.ToString(CultureInfo.InvariantCulture),
                Formats.Time(e.StartedAt),
                Markup.Escape(e.Decision?.Outcome ?? ""));
        }

        return table;
    }

    public static Rows Show(ExperimentView experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("[bold]experiment[/]", Markup.Escape(experiment.Id));
        facts.AddRow("[bold]model[/]", Markup.Escape(experiment.Model));
        facts.AddRow("[bold]status[/]", Markup.Escape(experiment.Status));
        facts.AddRow("[bold]strategy[/]", Markup.Escape(experiment.Strategy));
        facts.AddRow("[bold]traffic[/]", Formats.Share(experiment.Traffic));
        facts.AddRow("[bold]metric[/]", Markup.Escape(experiment.Metric));
        if (experiment.Difference is { } d)
        {
            facts.AddRow("[bold]difference[/]", $"{Formats.Metric(d.Estimate)} [[{Formats.Metric(d.Lower)}, {Formats.Metric(d.Upper)}]], p {Formats.Metric(d.PValue)}");
        }

        if (experiment.Decision is { } decision)
        {
            facts.AddRow("[bold]decision[/]", Markup.Escape($"{decision.Outcome} at {Formats.Time(decision.At)}: {decision.Reason}"));
        }

        var variants = new Table().Border(TableBorder.Rounded).AddColumns("variant", "version", "predictions", "labelled", Markup.Escape(experiment.Metric));
        foreach (var (name, variant) in new[] { ("champion", experiment.Champion), ("challenger", experiment.Challenger) })
        {
            variants.AddRow(
                name,
                variant.Version.ToString(CultureInfo.InvariantCulture),
                Formats.Number(variant.Predictions),
                Formats.Number(variant.Labelled),
                Formats.Metric(variant.Value));
        }

        return new Rows(facts, variants);
    }
}
