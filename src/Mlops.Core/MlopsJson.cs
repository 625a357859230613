using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Mlops.Core;

/// <summary>The JSON shape of everything the product writes for people and other tools: camelCase, enums by name.</summary>
public static class MlopsJson
{
    /// <summary>
    /// Letters of every script as they are (a label "não" reads "não", not "n\u00E3o"); the characters HTML gives a
    /// meaning to (&lt; &gt; &amp; ' +) stay escaped, as ASP.NET Core's default does, so an answer shown as a page cannot
    /// become markup.
    /// </summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>For JSON written field by field: the same escaping as <see cref="Options"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder };

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false, Encoder = Encoder };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
