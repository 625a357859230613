using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;

namespace Mlops.Functions.Http;

/// <summary>
/// The scoring route's upload form: the CSV is the body (Content-Type text/csv) and the options are in the query,
/// ?name=night.csv&amp;version=2&amp;logPredictions=true, all optional.
/// </summary>
public sealed record ScoringUploadQuery(string? Name, int? Version, bool LogPredictions)
{
    /// <summary>True when the body is a CSV to score rather than the JSON that names a stored file.</summary>
    public static bool IsUpload(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase));
    }

    public static ScoringUploadQuery Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? name = request.Query["name"];
        var version = QueryParameters.Whole(request, "version", 1, int.MaxValue, 0);
        return new(
            string.IsNullOrEmpty(name) ? null : ScoringFiles.Validate(name),
            version == 0 ? null : (int)version,
            QueryParameters.Flag(request, "logPredictions"));
    }

    /// <summary>The stored file's name: the one asked for, else the upload's time and content hash, as a dataset upload's.</summary>
    public string FileName(DateTimeOffset now, string sha256) =>
        Name ?? string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMddHHmmss}-{sha256[..12]}.csv");
}
