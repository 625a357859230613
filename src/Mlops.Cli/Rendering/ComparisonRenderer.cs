using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlops.Cli.Rendering;

/// <summary>A comparison: per metric a, b, b - a and the shared-holdout interval; then whatever else the answer holds.</summary>
public static class ComparisonRenderer
{
    public static IRenderable Render(JsonElement comparison)
    {
        if (comparison.ValueKind != JsonValueKind.Object || !comparison.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            return JsonRenderer.Render(comparison);
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("metric", "a", "b", "b - a", "shared holdout b - a [[interval]]");
        foreach (var metric in metrics.EnumerateObject())
        {
            table.AddRow(
                Markup.Escape(metric.Name),
                Formats.Metric(Number(metric.Value, "a")),
                Formats.Metric(Number(metric.Value, "b")),
                Formats.Metric(Number(metric.Value, "delta")),
                Markup.Escape(Shared(metric.Value)));
        }

        var parts = new List<IRenderable>();
        if (comparison.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array)
        {
            parts.Add(Versions(versions));
        }

        parts.Add(table);
        foreach (var property in comparison.EnumerateObject().Where(p => p.Name is not ("metrics" or "model" or "versions")))
        {
            parts.Add(new Markup($"[bold]{Markup.Escape(property.Name)}[/]"));
            parts.Add(JsonRenderer.Render(property.Value));
        }

        return new Rows(parts);
    }

    /// <summary>Which version is which: number, trainer, dataset (their parameters differ below, under "parameters").</summary>
    private static Table Versions(JsonElement versions)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("version", "created", "trainer", "dataset");
        foreach (var version in versions.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object))
        {
            table.AddRow(
                Markup.Escape(Raw(version, "version")),
                Markup.Escape(version.TryGetProperty("createdAt", out var created) && created.TryGetDateTimeOffset(out var at) ? Formats.Time(at) : Raw(version, "createdAt")),
                Markup.Escape(Raw(version, "trainer")),
                Markup.Escape(Raw(version, "dataset")));
        }

        return table;
    }

    private static string Raw(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? "" : value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    private static string Shared(JsonElement metric)
    {
        if (!metric.TryGetProperty("shared", out var shared) || shared.ValueKind != JsonValueKind.Object)
        {
            return "-";
        }

        var estimate = Number(shared, "estimate");
        var lower = Number(shared, "lower");
        var upper = Number(shared, "upper");
        return lower is null || upper is null ? Formats.Metric(estimate) : $"{Formats.Metric(estimate)} [{Formats.Metric(lower)}, {Formats.Metric(upper)}]";
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
