using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlops.Cli.Rendering;

/// <summary>
/// Monitoring as a person scans it: one row per window (rows, status, which features drifted, the decay interval) and the
/// actions taken; <c>--json</c> keeps every statistic. Reads the JSON, so fields added to the API never break it.
/// </summary>
public static class MonitoringRenderer
{
    /// <summary>GET /api/models/{model}/monitoring: {"model","version","windows":[...],"actions":[...]}.</summary>
    public static IRenderable Render(JsonElement monitoring)
    {
        if (monitoring.ValueKind != JsonValueKind.Object || !monitoring.TryGetProperty("windows", out var windows) || windows.ValueKind != JsonValueKind.Array)
        {
            return Window(monitoring);
        }

        var parts = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(Text(monitoring, "model"))}[/], champion version {Markup.Escape(Text(monitoring, "version"))}"),
            Windows(windows.EnumerateArray()),
        };
        if (monitoring.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0)
        {
            parts.Add(Actions(actions.EnumerateArray()));
        }

        return new Rows(parts);
    }

    /// <summary>POST /api/models/{model}/monitoring/run: the window just closed, as one row, and its actions.</summary>
    public static IRenderable Window(JsonElement window)
    {
        if (window.ValueKind != JsonValueKind.Object || !window.TryGetProperty("id", out _))
        {
            return JsonRenderer.Render(window);
        }

        var parts = new List<IRenderable> { Windows([window]) };
        if (window.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0)
        {
            parts.Add(Actions(actions.EnumerateArray()));
        }

        return new Rows(parts);
    }

    private static Table Windows(IEnumerable<JsonElement> windows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("windows, newest first").AddColumns("window", "from", "to", "rows", "status", "drifted features", "decay");
        foreach (var window in windows)
        {
            table.AddRow(
                Markup.Escape(Text(window, "id")),
                Markup.Escape(Time(window, "from")),
                Markup.Escape(Time(window, "to")),
                Markup.Escape(Text(window, "rows")),
                Markup.Escape(Text(window, "status")),
                Markup.Escape(Drifted(window)),
                Markup.Escape(Decay(window)));
        }

        return table;
    }

    private static Table Actions(IEnumerable<JsonElement> actions)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("actions").AddColumns("at", "kind", "run", "reason");
        foreach (var action in actions)
        {
            table.AddRow(Markup.Escape(Time(action, "at")), Markup.Escape(Text(action, "kind")), Markup.Escape(Text(action, "runId")), Markup.Escape(Text(action, "reason")));
        }

        return table;
    }

    private static string Drifted(JsonElement window)
    {
        if (!window.TryGetProperty("drift", out var drift) || drift.ValueKind != JsonValueKind.Object)
        {
            return "-";
        }

        var names = drift.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array
            ? features.EnumerateArray().Where(f => f.TryGetProperty("drifted", out var d) && d.ValueKind == JsonValueKind.True).Select(f => Text(f, "name")).ToArray()
            : [];
        if (drift.TryGetProperty("prediction", out var prediction) && prediction.ValueKind == JsonValueKind.Object && prediction.TryGetProperty("drifted", out var p) && p.ValueKind == JsonValueKind.True)
        {
            names = [.. names, "(prediction)"];
        }

        return names.Length == 0 ? "none" : string.Join(", ", names);
    }

    private static string Decay(JsonElement window)
    {
        if (!window.TryGetProperty("decay", out var decay) || decay.ValueKind != JsonValueKind.Object)
        {
            return "-";
        }

        if (Number(decay, "value") is null)
        {
            return $"{Text(decay, "metric")}: not enough labels yet";
        }

        var text = $"{Text(decay, "metric")} {Formats.Metric(Number(decay, "value"))} [{Formats.Metric(Number(decay, "lower"))}, {Formats.Metric(Number(decay, "upper"))}]";
        return decay.TryGetProperty("detected", out var detected) && detected.ValueKind == JsonValueKind.True ? text + " decayed" : text;
    }

    private static string Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? Formats.Time(time) : Text(element, name);

    private static string Text(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? "" : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null => "",
            _ => value.GetRawText(),
        };

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
