using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>Reads a request body with a size bound, turning every malformed input into a clear 4xx.</summary>
public static class JsonBody
{
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, BodyLimit limit, CancellationToken cancellationToken) =>
        await ReadOptionalAsync(request, limit, cancellationToken)
            ?? throw MlopsException.Invalid("The request body is empty; send a JSON object.");

    /// <summary>The body as JSON, or null when the request has no body (for routes whose body is optional).</summary>
    public static async Task<JsonDocument?> ReadOptionalAsync(HttpRequest request, BodyLimit limit, CancellationToken cancellationToken)
    {
        var bytes = await RequestBytes.ReadAsync(request, limit, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        // The parser checks structure, not the bytes inside strings: invalid UTF-8 there would only fail when a
        // string is read, deep in a handler, as a server error.
        if (!Utf8.IsValid(bytes))
        {
            throw MlopsException.Invalid("The request body is not valid UTF-8; send JSON encoded as UTF-8.");
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw MlopsException.Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    /// <summary>The body's root must be an object.</summary>
    public static JsonElement RootObject(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw MlopsException.Invalid($"The request body must be a JSON object, not {document.RootElement.ValueKind}.");
    }
}
