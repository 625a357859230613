using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Retention;

/// <summary>How many versions of each model the registry keeps, and when the retention timer prunes the rest.</summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string Section = "Retention";

    /// <summary>The newest committed versions always kept, whatever aliases and pins say; at least one, so "latest" never dangles.</summary>
    [Range(1, 100_000)]
    public int KeepVersions { get; set; } = 10;

    /// <summary>
    /// When the retention timer runs (NCRONTAB, six fields, seconds first). The Functions host reads it through the
    /// timer's %Retention:Schedule% binding expression, so it is read at start-up like every other setting.
    /// </summary>
    [Required]
    public string Schedule { get; set; } = "0 30 3 * * *";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Schedule))
        {
            yield break;
        }

        if (SixFieldSchedules.TryParse(Schedule) is null)
        {
            yield return new ValidationResult(
                $"Retention:Schedule '{Schedule}' is not an NCRONTAB expression of six fields (seconds, minutes, hours, day, month, day of week), e.g. '0 30 3 * * *'.",
                [nameof(Schedule)]);
        }
    }
}
