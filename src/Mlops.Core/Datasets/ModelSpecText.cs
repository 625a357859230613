using System.Text.Json;

namespace Mlops.Core.Datasets;

/// <summary>How the spec's readers quote a value in a sentence, and the number checks every block shares.</summary>
internal static class ModelSpecText
{
    /// <summary>A finite JSON number, or a sentence naming <c>block.field</c> when it is anything else.</summary>
    public static string? Number(string block, JsonProperty field, out double number)
    {
        number = 0;
        return field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDouble(out number) && double.IsFinite(number)
            ? null
            : $"'{block}.{field.Name}' must be a number, but it is {Show(field.Value)}.";
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/> (both included), or a sentence saying <paramref name="rule"/>.</summary>
    public static string? Number(string block, JsonProperty field, double min, double max, string rule, out double number) =>
        Number(block, field, out number) ?? (number >= min && number <= max ? null : Rule(block, field, rule));

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or a sentence giving that range.</summary>
    public static string? Whole(string block, JsonProperty field, double min, double max, out double number) =>
        Number(block, field, out number) ?? (number % 1 == 0 && number >= min && number <= max ? null : Rule(block, field, $"must be a whole number from {min} to {max}"));

    /// <summary>The sentence for a value of the right type that breaks <paramref name="rule"/>.</summary>
    public static string Rule(string block, JsonProperty field, string rule) => $"'{block}.{field.Name}' is {field.Value.GetRawText()}, but it {rule}.";

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
