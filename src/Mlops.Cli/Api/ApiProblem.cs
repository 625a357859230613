using System.Net;
using System.Text.Json;

namespace Mlops.Cli.Api;

/// <summary>An RFC 7807 problem the API answered with, or one made up from an answer that carried none.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, string? ErrorCode)
{
    private const int MaxBodyCharacters = 500;

    /// <summary>Reads an error answer: problem+json when it is one, else the status and the start of the body.</summary>
    public static ApiProblem From(HttpStatusCode status, string? body)
    {
        var code = (int)status;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var root = document.RootElement;
                    var title = Text(root, "title");
                    var detail = Text(root, "detail");
                    if (title is not null || detail is not null)
                    {
                        return new ApiProblem(Number(root, "status") ?? code, title ?? Phrase(status), detail, Text(root, "errorCode"));
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON: a proxy's page or a host's plain-text error; shown as it is below.
            }
        }

        var text = body?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            text = status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "The API wants a key: pass --key or set MLOPS_KEY (the admin key for management routes, a function key for predict and feedback).",
                HttpStatusCode.NotFound => "No such route: is --url the app's address (without /api)?",
                _ => null,
            };
        }
        else if (text.Length > MaxBodyCharacters)
        {
            text = text[..MaxBodyCharacters] + "...";
        }

        return new ApiProblem(code, Phrase(status), text, null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string Phrase(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "Bad request",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.RequestEntityTooLarge => "Payload too large",
        HttpStatusCode.ServiceUnavailable => "Temporarily unavailable",
        _ => $"HTTP {(int)status}",
    };
}
