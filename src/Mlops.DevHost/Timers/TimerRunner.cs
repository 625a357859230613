using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Mlops.DevHost.Functions;
using NCrontab;

namespace Mlops.DevHost.Timers;

/// <summary>
/// The local timer trigger: calls a timer function at each occurrence of its NCRONTAB schedule (six fields, seconds
/// first, as the Functions host reads them), one invocation at a time, as the host's singleton timer does.
/// </summary>
public sealed partial class TimerRunner(
    IServiceProvider services,
    TimerFunction function,
    IOptions<DevHostOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TimerRunner> logger) : BackgroundService
{
    /// <summary>The schedule this host runs: the function's own, unless the DevHost settings replace it.</summary>
    public string Schedule =>
        options.Value.TimerSchedules.TryGetValue(function.Name, out var replaced) && !string.IsNullOrWhiteSpace(replaced) ? replaced : function.Schedule;

    /// <summary>
    /// The schedule itself: a "%name%" schedule names a setting, read from configuration as the Functions host's name
    /// resolver reads it (so "%Retention:Schedule%" is the Retention__Schedule app setting); a missing one stops the host.
    /// </summary>
    public string ResolvedSchedule => Resolve(Schedule, configuration);

    public static string Resolve(string schedule, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        if (schedule.Length < 3 || !schedule.StartsWith('%') || !schedule.EndsWith('%'))
        {
            return schedule;
        }

        var setting = schedule[1..^1];
        return configuration[setting] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The timer schedule '{schedule}' names the setting '{setting}', which is not configured.");
    }

    public static CrontabSchedule Parse(string schedule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FunctionInvoker.EnsureBindable(function.Method, p => p.ParameterType == typeof(TimerInfo));
        var schedule = Parse(ResolvedSchedule);
        DateTime? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // A delay can end a hair before its occurrence; counting from the last occurrence run keeps it from running twice.
            var next = schedule.GetNextOccurrence(last is { } previous && previous > now ? previous : now);
            await Task.Delay(next - now, clock, stoppingToken);
            var info = new TimerInfo
            {
                ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = schedule.GetNextOccurrence(next), LastUpdated = next },
                IsPastDue = clock.GetUtcNow().UtcDateTime - next > TimeSpan.FromSeconds(5),
            };
            try
            {
                await FunctionInvoker.InvokeAsync(services, function.Type, function.Method, _ => info, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // As with the Functions host, a failing occurrence is logged and the next one runs on schedule.
                TimerFailed(logger, function.Name, e);
            }

            last = next;
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private static partial void TimerFailed(ILogger logger, string function, Exception exception);
}
