using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.DevHost;
using Mlops.DevHost.Functions;
using Mlops.DevHost.Timers;

namespace Mlops.Functions.Tests.DevHost;

public sealed class TimerRunnerTests
{
    [Fact]
    public async Task ATimerFunction_IsCalledAtEachOccurrence_AndAFailureDoesNotStopTheNext()
    {
        var method = typeof(CountingTimer).GetMethod(nameof(CountingTimer.Run))!;
        var function = new TimerFunction("Counting", typeof(CountingTimer), method, "0 0 3 * * *");
        var options = new DevHostOptions();
        options.TimerSchedules["Counting"] = "* * * * * *";
        var services = new ServiceCollection().AddSingleton<CountingTimer>().BuildServiceProvider();
        var timer = services.GetRequiredService<CountingTimer>();
        using var runner = new TimerRunner(services, function, Options.Create(options), new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<TimerRunner>.Instance);

        Assert.Equal("* * * * * *", runner.Schedule);
        await runner.StartAsync(CancellationToken.None);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (timer.Calls < 3 && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        await runner.StopAsync(CancellationToken.None);

        // Three calls need at least two seconds of a per-second schedule; the first call's failure stopped nothing.
        Assert.True(timer.Calls >= 3, $"{timer.Calls} calls in {waited.Elapsed.TotalSeconds:0.0} s");
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(1.9), $"three calls came after only {waited.Elapsed.TotalSeconds:0.0} s");
        Assert.All(timer.Infos, i => Assert.NotNull(i.ScheduleStatus));
    }

    [Fact]
    public void ASettingsSchedule_IsReadFromConfiguration_AndAMissingSettingIsAnError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:Schedule"] = "0 0 4 * * *" }).Build();

        Assert.Equal("0 0 4 * * *", TimerRunner.Resolve("%Retention:Schedule%", configuration));
        Assert.Equal("0 */5 * * * *", TimerRunner.Resolve("0 */5 * * * *", configuration));
        var missing = Assert.Throws<InvalidOperationException>(() => TimerRunner.Resolve("%Nowhere:Schedule%", configuration));
        Assert.Contains("Nowhere:Schedule", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiveFieldAndSixFieldSchedules_AreBothRead()
    {
        var start = new DateTime(2026, 12, 3, 12, 0, 1, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 12, 3, 12, 5, 0, DateTimeKind.Utc), TimerRunner.Parse("0 */5 * * * *").GetNextOccurrence(start));
        Assert.Equal(new DateTime(2026, 12, 3, 12, 5, 0, DateTimeKind.Utc), TimerRunner.Parse("*/5 * * * *").GetNextOccurrence(start));
    }

    public sealed class CountingTimer
    {
        private readonly List<TimerInfo> infos = [];

        public int Calls => infos.Count;

        public IReadOnlyList<TimerInfo> Infos => infos;

        [Function("Counting")]
        public Task Run([TimerTrigger("0 0 3 * * *")] TimerInfo info)
        {
            lock (infos)
            {
                infos.Add(info);
                return infos.Count == 1 ? Task.FromException(new InvalidOperationException("the first occurrence fails")) : Task.CompletedTask;
            }
        }
    }
}
