using System.Text.Json;

namespace Mlops.Core.Datasets;

/// <summary>How the spec's readers quote a value in a sentence.</summary>
internal static class ModelSpecText
{
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => value.GetRawText(),
        _ => "a " + Describe(value.ValueKind),
    };

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
