using System.Text.Json;
using Mlops.Core.Datasets;

namespace Mlops.Core.Monitoring;

/// <summary>The spec's <c>"retrainSchedule"</c>: an NCRONTAB expression of six fields, seconds first, as the timers use.</summary>
public static class RetrainSchedules
{
    public static string? Read(JsonProperty property, out string? schedule)
    {
        schedule = null;
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!.Trim() : null;
        if (text is null || SixFieldSchedules.TryParse(text) is null)
        {
            return $"'{property.Name}' is {ModelSpecText.Show(property.Value)}, but it must be an NCRONTAB expression of six fields (seconds, minutes, hours, day, month, day of week), such as \"0 0 2 * * 1\" for Mondays at 02:00 UTC.";
        }

        schedule = text;
        return null;
    }

    /// <summary>Whether <paramref name="schedule"/> has an occurrence in (<paramref name="after"/>, <paramref name="until"/>].</summary>
    public static bool IsDue(string schedule, DateTimeOffset after, DateTimeOffset until)
    {
        var parsed = SixFieldSchedules.TryParse(schedule) ?? throw new ArgumentException($"'{schedule}' is not a six-field NCRONTAB expression.", nameof(schedule));
        var next = parsed.GetNextOccurrence(after.UtcDateTime);
        return next <= until.UtcDateTime;
    }
}
