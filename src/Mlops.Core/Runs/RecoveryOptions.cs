using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Runs;

/// <summary>How a run that stopped making progress is found and recovered.</summary>
public sealed class RecoveryOptions : IValidatableObject
{
    public const string Section = "Recovery";

    /// <summary>
    /// A run with neither an orchestration update nor an activity heartbeat for this long is stalled. Activities beat
    /// while they run, so the bound need not cover the longest refit, only a few missed beats and a restart's start.
    /// </summary>
    [Range(60, 86_400)]
    public int StallSeconds { get; set; } = 900;

    /// <summary>How often a running activity says it is alive.</summary>
    [Range(5, 600)]
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>Restarts the watchdog makes on its own before it stops the run as failed; a person can always restart.</summary>
    [Range(0, 10)]
    public int MaxAutomaticRestarts { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StallSeconds < 3 * HeartbeatSeconds)
        {
            yield return new ValidationResult(
                "Recovery:StallSeconds must be at least three heartbeats (Recovery:HeartbeatSeconds), or a busy run would look stalled.",
                [nameof(StallSeconds), nameof(HeartbeatSeconds)]);
        }
    }
}
