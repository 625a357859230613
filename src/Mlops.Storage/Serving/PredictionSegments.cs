using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// The prediction log's blobs: each holds the predictions of one model made in one minute (by their ids' time) that one
/// write carried, as gzipped JSON lines, named "{model}/{yyyy-MM-dd}/{HHmm}/{first id}-{last id}.jsonl.gz". The name
/// alone tells which minute and which id range a segment covers, so finding one id lists one minute, and a time range
/// lists its days.
/// </summary>
internal static class PredictionSegments
{
    public const string Extension = ".jsonl.gz";

    private const int MaxErrorChars = 1_000;

    /// <summary>When a prediction was made, for filing and for time ranges: its id's time (ids are made in the request), else its timestamp.</summary>
    public static DateTimeOffset MadeAt(PredictionRecord prediction) =>
        PredictionIds.TryGetTime(prediction.PredictionId, out var made) ? made : prediction.Timestamp.ToUniversalTime();

    /// <summary>The minute a prediction is filed under.</summary>
    public static DateTimeOffset MinuteOf(PredictionRecord prediction) => Truncate(MadeAt(prediction));

    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    public static string Name(string model, DateTimeOffset minute, string firstId, string lastId) =>
        MinutePrefix(model, minute) + firstId + "-" + lastId + Extension;

    /// <summary>The day of a "{model}/{yyyy-MM-dd}/" prefix.</summary>
    public static bool TryParseDay(string prefix, out DateTimeOffset day)
    {
        day = default;
        var parts = prefix.Split('/');
        return parts.Length == 3 && parts[2].Length == 0
            && DateTimeOffset.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out day);
    }

    public static string MinutePrefix(string model, DateTimeOffset minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/{minute:yyyy-MM-dd}/{minute:HHmm}/");

    /// <summary>A segment's minute and id range from its name; false for a blob that is not a segment.</summary>
    public static bool TryParse(string name, out DateTimeOffset minute, out string firstId, out string lastId)
    {
        (minute, firstId, lastId) = (default, string.Empty, string.Empty);
        var parts = name.Split('/');
        if (parts.Length != 4 || !parts[3].EndsWith(Extension, StringComparison.Ordinal)
            || !DateTimeOffset.TryParseExact(parts[1] + parts[2], "yyyy-MM-ddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out minute))
        {
            return false;
        }

        // Ids never hold '-' (they are table keys made by PredictionIds), so the first '-' splits the range.
        var range = parts[3][..^Extension.Length];
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == range.Length - 1)
        {
            return false;
        }

        (firstId, lastId) = (range[..dash], range[(dash + 1)..]);
        return true;
    }

    public static IEnumerable<PredictionRecord> Decode(Stream gzipped)
    {
        using var gzip = new GZipStream(gzipped, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return ReadLine(line);
            }
        }
    }

    /// <summary>One prediction as a JSON object, its features as the JSON object the request sent.</summary>
    public static void WriteLine(Utf8JsonWriter json, PredictionRecord prediction)
    {
        json.WriteStartObject();
        json.WriteString("predictionId"u8, prediction.PredictionId);
        json.WriteString("model"u8, prediction.Model);
        json.WriteNumber("version"u8, prediction.Version);
        json.WriteString("variant"u8, prediction.Variant);
        json.WriteString("timestamp"u8, prediction.Timestamp);
        json.WritePropertyName("features"u8);

        // The request's own JSON (parsed once by predict), so the log keeps what was sent and pays no re-serializing.
        json.WriteRawValue(prediction.FeaturesJson, skipInputValidation: false);
        json.WriteString("prediction"u8, prediction.Prediction);
        if (prediction.Score is { } score && double.IsFinite(score))
        {
            json.WriteNumber("score"u8, score);
        }

        WriteOptional(json, "entityId"u8, prediction.EntityId);
        WriteOptional(json, "experimentId"u8, prediction.ExperimentId);
        if (prediction.LatencyMs is { } latency && double.IsFinite(latency))
        {
            json.WriteNumber("latencyMs"u8, latency);
        }

        // A reason, not a payload: an exception message can be long.
        WriteOptional(json, "challengerError"u8, prediction.ChallengerError is { Length: > MaxErrorChars } error ? error[..MaxErrorChars] : prediction.ChallengerError);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static PredictionRecord ReadLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var row = document.RootElement;
        return new PredictionRecord(
            row.GetProperty("model").GetString()!,
            row.GetProperty("predictionId").GetString()!,
            row.GetProperty("version").GetInt32(),
            row.GetProperty("variant").GetString()!,
            row.GetProperty("timestamp").GetDateTimeOffset(),
            row.GetProperty("features").GetRawText(),
            row.GetProperty("prediction").GetString()!,
            Number(row, "score"),
            Text(row, "entityId"))
        {
            ExperimentId = Text(row, "experimentId"),
            LatencyMs = Number(row, "latencyMs"),
            ChallengerError = Text(row, "challengerError"),
        };
    }

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
