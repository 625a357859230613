using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Monitoring;

/// <summary>When the monitoring timer closes every monitored model's window.</summary>
public sealed class MonitoringOptions : IValidatableObject
{
    public const string Section = "Monitoring";

    /// <summary>
    /// NCRONTAB, six fields, seconds first; read by the timer's %Monitoring:Schedule% binding expression. Hourly by
    /// default: a window then holds an hour of predictions, enough rows for a busy model and cheap for an idle one.
    /// </summary>
    [Required]
    public string Schedule { get; set; } = "0 5 * * * *";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Schedule))
        {
            yield break;
        }

        if (SixFieldSchedules.TryParse(Schedule) is null)
        {
            yield return new ValidationResult(
                $"Monitoring:Schedule '{Schedule}' is not an NCRONTAB expression of six fields (seconds, minutes, hours, day, month, day of week), e.g. '0 5 * * * *'.",
                [nameof(Schedule)]);
        }
    }
}
