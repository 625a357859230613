using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Mlops.Core.Runs;

namespace Mlops.Core.Tests.Runs;

public sealed class StallDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly StallDetector detector = new(Options.Create(new RecoveryOptions { StallSeconds = 600, HeartbeatSeconds = 30 }));

    [Fact]
    public void ARunUpdatedWithinTheBound_IsNotStalled() =>
        Assert.Null(detector.Judge(Now.AddSeconds(-599), RunJournal.Empty("m", "m-1"), Now));

    [Fact]
    public void ARunQuietForTheBound_IsStalled_AndTheReasonSaysSince()
    {
        var reason = detector.Judge(Now.AddMinutes(-25), RunJournal.Empty("m", "m-1"), Now);

        Assert.NotNull(reason);
        Assert.Contains("25 min", reason, StringComparison.Ordinal);
        Assert.Contains("no activity heartbeat", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnActivityHeartbeat_KeepsALongStageAlive()
    {
        var journal = RunJournal.Empty("m", "m-1") with { LastHeartbeat = Now.AddSeconds(-40), HeartbeatActivity = "TrainModel" };

        Assert.Null(detector.Judge(Now.AddHours(-2), journal, Now));
    }

    [Fact]
    public void AnOldHeartbeat_DoesNotHideAStall()
    {
        var journal = RunJournal.Empty("m", "m-1") with { LastHeartbeat = Now.AddMinutes(-30), HeartbeatActivity = "RunTrial 3" };

        var reason = detector.Judge(Now.AddMinutes(-40), journal, Now);

        Assert.NotNull(reason);
        Assert.Contains("RunTrial 3", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoundShorterThanThreeHeartbeats_IsRefusedAtStart()
    {
        var options = new RecoveryOptions { StallSeconds = 60, HeartbeatSeconds = 30 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("three heartbeats", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAttempt_IsTheLatestRestartsOrTheFirst()
    {
        var journal = RunJournal.Empty("m", "m-1");
        Assert.Equal(1, journal.Attempt);

        var restarted = journal with { Restarts = [new RunRestart(Now, RestartKind.Automatic, "stalled", 2), new RunRestart(Now, RestartKind.Manual, "again", 3)] };
        Assert.Equal(3, restarted.Attempt);
        Assert.Equal(1, restarted.AutomaticRestarts);
    }
}
