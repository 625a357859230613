using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mlops.Core;

/// <summary>The JSON shape of everything the product writes for people and other tools: camelCase, enums by name.</summary>
public static class MlopsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
