using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mlops.Core.Errors;

namespace Mlops.Core.Datasets;

/// <summary>
/// A run is named by its model and its content, so the upload route, the blob trigger and a retry all name the same
/// run, and identical content for a model is one run. Content trained again on request (after its model's spec changed)
/// is named by its content and the spec (<see cref="UnderSpec"/>): one more run per spec, never one per request.
/// </summary>
public static partial class RunIds
{
    private const int HashChars = 16;

    public static string For(string model, string sha256) => $"{model}-{sha256[..HashChars].ToLowerInvariant()}";

    /// <summary>The run that trains content again under the model's spec <paramref name="spec"/> (null: no spec).</summary>
    public static string UnderSpec(string model, string sha256, string? spec) =>
        For(model, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sha256}\n{spec}"))));

    /// <summary>True when the id has the shape <see cref="For"/> makes; its model is returned.</summary>
    public static bool TryParse(string? runId, out string model)
    {
        model = string.Empty;
        if (runId is null || !Shape().IsMatch(runId))
        {
            return false;
        }

        model = runId[..^(HashChars + 1)];
        return ModelName.IsValid(model);
    }

    /// <summary>The run's model; throws <see cref="MlopsException"/> naming the rule when the id is not a run id.</summary>
    public static string ModelOf(string? runId) =>
        TryParse(runId, out var model)
            ? model
            : throw MlopsException.Invalid($"Run id '{runId}' is invalid: a run id is '{{model}}-{{16 hex digits}}' (the first of the dataset's SHA-256, or of the dataset's and the spec's for a run trained again).");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}-[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
