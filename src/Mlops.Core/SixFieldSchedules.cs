using NCrontab;

namespace Mlops.Core;

/// <summary>NCRONTAB schedules as the Functions timers read them: six fields, seconds first.</summary>
public static class SixFieldSchedules
{
    /// <summary>The schedule, or null when <paramref name="text"/> is not six NCRONTAB fields.</summary>
    public static CrontabSchedule? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6
            ? CrontabSchedule.TryParse(text, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            : null;
    }
}
