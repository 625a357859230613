using System.Globalization;
using Mlops.Core.Errors;
using Mlops.Core.Registry;

namespace Mlops.Functions.Http;

/// <summary>Version numbers as callers write them in routes and queries.</summary>
public static class ModelVersions
{
    public static int Parse(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw MlopsException.Invalid($"Version '{text}' is invalid: a version is a positive whole number.");

    public static async Task<ModelVersion> GetAsync(IModelRegistry registry, string model, int version, CancellationToken cancellationToken) =>
        await registry.GetVersionAsync(model, version, cancellationToken)
            ?? throw MlopsException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Model '{model}' has no version {version}."));
}
