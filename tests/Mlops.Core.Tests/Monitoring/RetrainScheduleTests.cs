using Mlops.Core.Datasets;
using Mlops.Core.Monitoring;

namespace Mlops.Core.Tests.Monitoring;

public class RetrainScheduleTests
{
    [Fact]
    public void TheSpecsRetrainSchedule_IsRead_AndABadOneIsRefusedNamingIt()
    {
        Assert.Equal("0 0 2 * * 1", ModelSpecParser.Parse("""{"retrainSchedule": " 0 0 2 * * 1 "}""", out _)!.RetrainSchedule);
        Assert.Null(ModelSpecParser.Parse("{}", out _)!.RetrainSchedule);

        foreach (var bad in new[] { "\"0 2 * * 1\"", "\"every monday\"", "7" })
        {
            Assert.Null(ModelSpecParser.Parse($$"""{"retrainSchedule": {{bad}}}""", out var error));
            Assert.Contains("'retrainSchedule' is", error!.Message, StringComparison.Ordinal);
            Assert.Contains("six fields", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ASchedule_IsDue_WhenAnOccurrenceFallsAfterTheLastWindowAndByThisOne()
    {
        var monday2am = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

        Assert.True(RetrainSchedules.IsDue("0 0 2 * * 1", monday2am.AddMinutes(-55), monday2am.AddMinutes(5)));
        Assert.True(RetrainSchedules.IsDue("0 0 2 * * 1", monday2am.AddMinutes(-60), monday2am));
        Assert.False(RetrainSchedules.IsDue("0 0 2 * * 1", monday2am, monday2am.AddMinutes(60)));
        Assert.False(RetrainSchedules.IsDue("0 0 2 * * 1", monday2am.AddDays(1), monday2am.AddDays(2)));
    }
}
