using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlops.Cli.Rendering;

/// <summary>
/// Any JSON answer as nested grids and tables: objects as name/value grids, arrays of objects as tables (one column
/// per field), so that answers without a dedicated renderer (compare, monitoring, spec, predict) still read well.
/// </summary>
public static class JsonRenderer
{
    private const int MaxDepth = 6;

    public static IRenderable Render(JsonElement json) => Render(json, 0);

    private static IRenderable Render(JsonElement json, int depth) => json.ValueKind switch
    {
        JsonValueKind.Object when depth < MaxDepth => Object(json, depth),
        JsonValueKind.Array when depth < MaxDepth && json.GetArrayLength() > 0 && json.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Object) => ObjectArray(json, depth),
        JsonValueKind.Array when depth < MaxDepth && json.EnumerateArray().All(IsScalar) => new Text(string.Join(", ", json.EnumerateArray().Select(Scalar))),
        _ when IsScalar(json) => new Text(Scalar(json)),
        _ => new Text(json.GetRawText()),
    };

    private static Grid Object(JsonElement json, int depth)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var property in json.EnumerateObject())
        {
            grid.AddRow(new Markup($"[bold]{Markup.Escape(property.Name)}[/]"), Render(property.Value, depth + 1));
        }

        return grid;
    }

    private static Table ObjectArray(JsonElement json, int depth)
    {
        var columns = json.EnumerateArray().SelectMany(i => i.EnumerateObject().Select(p => p.Name)).Distinct().ToArray();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var item in json.EnumerateArray())
        {
            table.AddRow(columns.Select(c => item.TryGetProperty(c, out var value) ? Render(value, depth + 1) : new Text("")).ToArray());
        }

        return table;
    }

    private static bool IsScalar(JsonElement json) => json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Scalar(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.Number when json.TryGetDouble(out var number) && !json.TryGetInt64(out _) => Formats.Metric(number),
        _ => json.GetRawText(),
    };
}
