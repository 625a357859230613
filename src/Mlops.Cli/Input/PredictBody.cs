using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Cli.Input;

/// <summary>
/// The predict request from what the user gave: <c>--features</c> is one row's feature object; <c>--file</c> holds a
/// request as the API takes it (<c>{"features":...}</c> or <c>{"instances":[...]}</c>), one feature object, or an
/// array of them (a batch).
/// </summary>
public static class PredictBody
{
    public static JsonNode FromFeatures(string features, string? entityId)
    {
        var row = Parse(features, "--features") as JsonObject
            ?? throw new CliUsageException("--features must be a JSON object of feature values, e.g. '{\"sepal_length_cm\":5.1}'.");
        return Row(row, entityId);
    }

    public static JsonNode FromFile(string text, string? entityId)
    {
        return Parse(text, "--file") switch
        {
            JsonArray rows when rows.Count > 0 && rows.All(r => r is JsonObject) => new JsonObject { ["instances"] = rows },
            JsonObject request when request.ContainsKey("instances") => request,
            JsonObject request when request.ContainsKey("features") => WithEntity(request, entityId),
            JsonObject row => Row(row, entityId),
            _ => throw new CliUsageException("--file must hold a JSON object (one row, or a request with \"features\" or \"instances\") or an array of row objects."),
        };
    }

    private static JsonObject Row(JsonObject features, string? entityId) =>
        WithEntity(new JsonObject { ["features"] = features }, entityId);

    private static JsonObject WithEntity(JsonObject request, string? entityId)
    {
        if (entityId is not null)
        {
            request["entityId"] = entityId;
        }

        return request;
    }

    private static JsonNode? Parse(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException error)
        {
            throw new CliUsageException($"{source} is not valid JSON: {error.Message}", error);
        }
    }
}
