using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mlops.Cli.Api;

/// <summary>How the API's JSON is read (camelCase, as every route answers) and written back for <c>--json</c>.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>For standard output, not a web page: "+" and non-ASCII letters as they are, not \u escapes.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
