using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Scoring;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// Checks a scoring file before anything is scored (its size against the limit, its header against the version's
/// features, its dialect) and indexes its rows by byte offset, so that each chunk reads its own range of the file: the
/// plan reads the file once and writes nothing. A UTF-16 file (what SQL Server Management Studio and Windows PowerShell
/// save) is indexed by its two-byte code units and each chunk decodes its range; the output is UTF-8 either way. What
/// makes the file unscorable is the plan's <see cref="ScoringPlan.Problem"/>, not an exception, so the job fails with it
/// at once.
/// </summary>
public sealed class PlanScoring(IScoringStore store, IModelRegistry registry, IOptions<ScoringOptions> options) : TaskActivity<PlanScoringInput, ScoringPlan>
{
    public override async Task<ScoringPlan> RunAsync(TaskActivityContext context, PlanScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = options.Value;
        var request = input.Request;
        var name = $"scoring/{request.Model}/{request.File}";
        var file = await store.DescribeAsync(request.Model, request.File, CancellationToken.None);
        if (file is null)
        {
            return Refused(settings, $"The scoring file '{name}' no longer exists.");
        }

        if (!string.Equals(file.ETag, request.ETag, StringComparison.Ordinal))
        {
            return Refused(settings, $"The scoring file '{name}' changed after its job started; drop it again to score the new content.");
        }

        if (file.Length > settings.MaxFileBytes)
        {
            return Refused(settings, TooLarge(file.Length, settings.MaxFileBytes));
        }

        var version = await registry.GetVersionAsync(request.Model, request.Version, CancellationToken.None);
        if (version is null)
        {
            return Refused(settings, string.Create(CultureInfo.InvariantCulture, $"Model '{request.Model}' version {request.Version} does not exist."));
        }

        CsvStreamResult head;
        await using (var content = await store.OpenReadAsync(file, CancellationToken.None))
        {
            head = CsvDatasetReader.ReadHeader(content, CsvDialectHint.Detect, CancellationToken.None);
        }

        if (head.Error is { } error)
        {
            return Refused(settings, $"The scoring file cannot be read: {error.Message}");
        }

        var utf16 = head.Dialect!.Encoding == CsvEncoding.Utf16;
        if (utf16 && file.Length % 2 != 0)
        {
            return Refused(settings, string.Create(CultureInfo.InvariantCulture, $"The scoring file is UTF-16, which writes every character in two bytes (or four), and it is {file.Length:N0} bytes long: its last character is cut. Save the file again."));
        }

        var columns = head.Columns!;
        if (ScoringColumns.Missing(version.Schema, columns) is { Count: > 0 } missing)
        {
            return Refused(settings, ScoringColumns.MissingReason(missing, version.Schema)) with { MissingColumns = missing };
        }

        var format = ScoringFormat.Of(head, version.Schema, utf16 ? await FirstBytesAsync(file) : default);
        CsvRowIndex index;
        await using (var content = await store.OpenReadAsync(file, CancellationToken.None))
        {
            index = await CsvRowIndexer.IndexAsync(content, format.Dialect.Delimiter, settings.ChunkRows, CancellationToken.None, head.LeadingRows, utf16 ? format.Utf16BigEndian : null);
        }

        var ranges = index.Chunks();
        return new ScoringPlan(index.Rows, ranges.Count, settings.ChunkRows, settings.MaxConcurrentChunks, null)
        {
            Format = format,
            Header = ScoringColumns.OutputHeader(columns, version.Schema, request.LogPredictions),
            Ranges = ranges,
        };
    }

    /// <summary>The sentence a file over the limit is refused with, by the route and by a job alike.</summary>
    public static string TooLarge(long length, long limit) => string.Create(
        CultureInfo.InvariantCulture,
        $"The scoring file is {length:N0} bytes; the limit is {limit:N0} bytes (Scoring__MaxFileBytes).");

    private async Task<byte[]> FirstBytesAsync(ScoringFile file)
    {
        using var bytes = new MemoryStream();
        await using (var content = await store.OpenRangeAsync(file, 0, Math.Min(file.Length, ScoringFormat.Utf16HeadBytes), CancellationToken.None))
        {
            await content.CopyToAsync(bytes, CancellationToken.None);
        }

        return bytes.ToArray();
    }

    private static ScoringPlan Refused(ScoringOptions settings, string problem) => new(0, 0, settings.ChunkRows, settings.MaxConcurrentChunks, problem);
}
