using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mlops.Core.Experiments;

/// <summary>
/// Shadow requests as queue messages: JSON with each row's features embedded as they were logged, split so that every
/// message fits a Storage queue message (64 KiB once Base64-encoded). A row too large for any message is left out and
/// counted, never sent truncated.
/// </summary>
public static class ShadowMessages
{
    /// <summary>The most UTF-8 bytes of one message: 64 KiB of Base64 carries 48 KiB, less room for the envelope.</summary>
    public const int MaxBytes = 45_000;

    private const int EnvelopeBytes = 200;

    private const int RowOverheadBytes = 64;

    /// <summary>The messages carrying <paramref name="request"/>, and how many rows were too large to carry.</summary>
    public static (IReadOnlyList<string> Messages, int Dropped) Write(ShadowRequest request, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<string>();
        var batch = new List<ShadowRow>();
        var bytes = EnvelopeBytes + Encoding.UTF8.GetByteCount(request.Model) + request.ExperimentId.Length;
        var used = bytes;
        var dropped = 0;
        foreach (var row in request.Rows)
        {
            var size = RowOverheadBytes + row.PredictionId.Length + Encoding.UTF8.GetByteCount(row.FeaturesJson) + (row.EntityId is null ? 0 : 2 * Encoding.UTF8.GetByteCount(row.EntityId));
            if (bytes + size > maxBytes)
            {
                dropped++;
                continue;
            }

            if (used + size > maxBytes)
            {
                messages.Add(Serialize(request, batch));
                batch.Clear();
                used = bytes;
            }

            batch.Add(row);
            used += size;
        }

        if (batch.Count > 0)
        {
            messages.Add(Serialize(request, batch));
        }

        return (messages, dropped);
    }

    /// <summary>Reads a message; throws <see cref="FormatException"/> naming what is wrong with one that is not a shadow request.</summary>
    public static ShadowRequest Read(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            var rows = root.GetProperty("rows").EnumerateArray().Select(r => new ShadowRow(
                r.GetProperty("predictionId").GetString() ?? throw new FormatException("A row has no predictionId."),
                r.GetProperty("features").ValueKind == JsonValueKind.Object ? r.GetProperty("features").GetRawText() : throw new FormatException("A row's features are not an object."),
                r.TryGetProperty("entityId", out var entity) && entity.ValueKind == JsonValueKind.String ? entity.GetString() : null)).ToArray();
            return new ShadowRequest(
                root.GetProperty("model").GetString() ?? throw new FormatException("The message has no model."),
                root.GetProperty("experimentId").GetString() ?? throw new FormatException("The message has no experimentId."),
                root.GetProperty("challengerVersion").GetInt32(),
                rows);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"The message is not a shadow request: {e.Message}", e);
        }
    }

    private static string Serialize(ShadowRequest request, List<ShadowRow> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("model", request.Model);
            json.WriteString("experimentId", request.ExperimentId);
            json.WriteNumber("challengerVersion", request.ChallengerVersion);
            json.WriteStartArray("rows");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("predictionId", row.PredictionId);
                if (row.EntityId is not null)
                {
                    json.WriteString("entityId", row.EntityId);
                }

                // Embedded as logged, not re-encoded as a string: a message stays close to the features' own size.
                json.WritePropertyName("features");
                json.WriteRawValue(row.FeaturesJson);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
