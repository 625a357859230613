using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Ingestion;

public sealed class IngestionOptions : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>
    /// The largest HTTP upload (bytes): the body is streamed to a temporary file while hashed, and in Azure the Functions
    /// host's own request limit (100 MB) applies first.
    /// </summary>
    [Range(1, 4L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The largest dataset validated and trained on (bytes), whichever way it came: a file dropped into the datasets
    /// container is how big data arrives, so this is much larger than <see cref="MaxUploadBytes"/>. The gate streams a
    /// file in bounded memory whatever its size; training keeps a sample when the rows exceed its memory budget.
    /// </summary>
    [Range(1, 1L << 40)]
    public long MaxDatasetBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDatasetBytes < MaxUploadBytes)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(MaxDatasetBytes)} ({MaxDatasetBytes:N0}) is smaller than {Section}:{nameof(MaxUploadBytes)} ({MaxUploadBytes:N0}): an upload it accepts could never be validated.",
                [nameof(MaxDatasetBytes)]);
        }
    }
}
