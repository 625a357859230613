using System.Text.RegularExpressions;
using Mlops.Core.Errors;

namespace Mlops.Core.Datasets;

/// <summary>
/// A run is named by its model and its content, so the upload route, the blob trigger and a retry all name the same
/// run, and identical content for a model is one run.
/// </summary>
public static partial class RunIds
{
    private const int HashChars = 16;

    public static string For(string model, string sha256) => $"{model}-{sha256[..HashChars].ToLowerInvariant()}";

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
            : throw MlopsException.Invalid($"Run id '{runId}' is invalid: a run id is '{{model}}-{{first 16 hex digits of the dataset's SHA-256}}'.");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}-[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
