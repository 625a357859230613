using Mlops.Core;
using Mlops.Core.Errors;

namespace Mlops.Storage;

/// <summary>
/// Path hygiene for blob names: "{model}/{path}", with the model name held to its rule and nothing that could climb
/// out of a model's folder or be read differently by another tool.
/// </summary>
internal static class StoragePaths
{
    public const int MaxLength = 1024;

    private const string Rule =
        "a blob name is '{model}/{file}', at most 1024 characters, without '..', backslashes, a leading '/', empty segments or control characters";

    private const string FileRule =
        "a file name is 1-255 characters without '/', backslashes, '..' or control characters";

    /// <summary>Returns <paramref name="blobName"/> when it is a safe "{model}/..." name; throws MlopsException (InvalidParameterValue) otherwise.</summary>
    public static string Validate(string? blobName)
    {
        if (string.IsNullOrEmpty(blobName)
            || blobName.Length > MaxLength
            || blobName.StartsWith('/')
            || blobName.Contains('\\', StringComparison.Ordinal)
            || blobName.Contains("..", StringComparison.Ordinal)
            || blobName.Contains("//", StringComparison.Ordinal)
            || blobName.EndsWith('/')
            || blobName.Any(char.IsControl))
        {
            throw MlopsException.Invalid($"Blob name '{blobName}' is invalid: {Rule}.");
        }

        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw MlopsException.Invalid($"Blob name '{blobName}' is invalid: {Rule}.");
        }

        ModelName.Validate(blobName[..slash]);
        return blobName;
    }

    /// <summary>The model folder a validated blob name is in.</summary>
    public static string ModelOf(string blobName) => blobName[..blobName.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>Returns <paramref name="fileName"/> when it is one safe path segment; throws MlopsException (InvalidParameterValue) otherwise.</summary>
    public static string ValidateFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName)
            || fileName.Length > 255
            || fileName.Contains('/', StringComparison.Ordinal)
            || fileName.Contains('\\', StringComparison.Ordinal)
            || fileName.Contains("..", StringComparison.Ordinal)
            || fileName.Any(char.IsControl))
        {
            throw MlopsException.Invalid($"File name '{fileName}' is invalid: {FileRule}.");
        }

        return fileName;
    }
}
