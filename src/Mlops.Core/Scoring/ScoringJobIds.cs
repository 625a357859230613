using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mlops.Core.Errors;

namespace Mlops.Core.Scoring;

/// <summary>
/// A scoring job is named by what it scores: the model, the file, the file's ETag (its content as stored) and the
/// version. The blob trigger, the route and a redelivered event therefore name one job, and a job never scores twice.
/// </summary>
public static partial class ScoringJobIds
{
    private const string Prefix = "score-";
    private const int HashChars = 16;

    public static string For(string model, string file, string etag, int version)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{model}\n{file}\n{etag}\n{version}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return $"{Prefix}{model}-{hash[..HashChars]}";
    }

    public static bool IsValid(string? jobId) => jobId is not null && Shape().IsMatch(jobId);

    /// <summary>Throws <see cref="MlopsException"/> naming the shape when <paramref name="jobId"/> is not a job id.</summary>
    public static string Validate(string? jobId) =>
        IsValid(jobId) ? jobId! : throw MlopsException.Invalid($"Job id '{jobId}' is invalid: a scoring job id is 'score-{{model}}-{{16 hex digits}}'.");

    [GeneratedRegex("^score-[a-z][a-z0-9-]{0,62}-[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
