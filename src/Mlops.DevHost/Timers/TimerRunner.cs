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
    /// <see cref="Schedule"/> with a "%name%" reference replaced by that setting, as the Functions host resolves it
    /// ("%Webhooks:Schedule%" reads Webhooks__Schedule).
    /// </summary>
    public string ResolvedSchedule
    {
        get
        {
            var schedule = Schedule.Trim();
            if (schedule.Length < 2 || schedule[0] != '%' || schedule[^1] != '%')
            {
                return schedule;
            }

            var name = schedule[1..^1];
            var value = configuration[name];
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException($"Timer function {function.Name} runs on %{name}%, but the setting {name.Replace(":", "__", StringComparison.Ordinal)} is not set.")
                : value;
        }
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

            // A delay can end a little before its wall-clock time; counting from the last occurrence calls each one once.
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
