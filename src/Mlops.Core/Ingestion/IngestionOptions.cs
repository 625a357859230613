using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Ingestion;

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>The largest dataset accepted, by upload or by blob trigger (bytes).</summary>
    [Range(1, 4L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;
}
