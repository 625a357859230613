using System.Globalization;
using Mlops.Cli.Api.Contracts;
using Spectre.Console;

namespace Mlops.Cli.Rendering;

/// <summary>Models, a model's versions, and one version's manifest.</summary>
public static class ModelRenderer
{
    public static Table List(IEnumerable<ModelSummary> models)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "aliases", "latest version");
        foreach (var model in models)
        {
            table.AddRow(model.Name, Aliases(model.Aliases), model.LatestVersion?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }

    /// <summary>Every version with its trainer and metrics; the aliases pointing at it beside it.</summary>
    public static Table Versions(ModelDetails model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var versions = model.Versions ?? [];
        var metrics = versions.SelectMany(v => v.Metrics?.Keys ?? Enumerable.Empty<string>()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(model.Name)).AddColumns("version", "aliases", "created", "trainer");
        foreach (var metric in metrics)
        {
            table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
        }

        foreach (var version in versions.OrderByDescending(v => v.Version))
        {
            var aliases = (model.Aliases ?? new Dictionary<string, int>()).Where(a => a.Value == version.Version).Select(a => a.Key);
            var cells = new List<string>
            {
                version.Version.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", aliases),
                Formats.Time(version.CreatedAt),
                version.Trainer,
            };
            cells.AddRange(metrics.Select(m => version.Metrics is not null && version.Metrics.TryGetValue(m, out var value) ? Formats.Metric(value) : "-"));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    /// <summary>A version's manifest: what it is, its metrics and its parameters.</summary>
    public static Rows Version(VersionManifest version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("[bold]model[/]", Markup.Escape(version.Model));
        facts.AddRow("[bold]version[/]", version.Version.ToString(CultureInfo.InvariantCulture));
        facts.AddRow("[bold]created[/]", Formats.Time(version.CreatedAt));
        facts.AddRow("[bold]run[/]", Markup.Escape(version.RunId));
        facts.AddRow("[bold]trainer[/]", Markup.Escape(version.Trainer));
        return new Rows(facts, Metrics(version.Metrics), Parameters(version.Parameters));
    }

    public static Table Metrics(IReadOnlyDictionary<string, double>? metrics)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in (metrics ?? new Dictionary<string, double>()).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(name), Formats.Metric(value));
        }

        return table;
    }

    /// <summary>"trainer: metric value" lines, for plain output.</summary>
    public static IEnumerable<string> MetricLines(IReadOnlyDictionary<string, double>? metrics) =>
        (metrics ?? new Dictionary<string, double>()).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"  {m.Key} {Formats.Metric(m.Value)}");

    private static Table Parameters(IReadOnlyDictionary<string, string>? parameters)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("parameter", "value");
        foreach (var (name, value) in (parameters ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        return table;
    }

    private static string Aliases(IReadOnlyDictionary<string, int>? aliases) =>
        Markup.Escape(string.Join(", ", (aliases ?? new Dictionary<string, int>()).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")));
}
