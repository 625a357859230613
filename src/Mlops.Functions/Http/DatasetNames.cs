using Mlops.Core.Datasets;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>Dataset names a caller gives, held to the model's own folder of the datasets container.</summary>
public static class DatasetNames
{
    /// <summary>Accepts "{file}.csv" or "{model}/{file}.csv" (or .parquet); anything that could leave the model's folder is rejected.</summary>
    public static string InModelFolder(string model, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var file = name.StartsWith(model + "/", StringComparison.Ordinal) ? name[(model.Length + 1)..] : name;
        if (file.Length is 0 or > 200
            || file.Contains('/', StringComparison.Ordinal)
            || file.Contains('\\', StringComparison.Ordinal)
            || file.Contains("..", StringComparison.Ordinal)
            || DatasetFiles.FormatOf(file) is null)
        {
            throw MlopsException.Invalid(
                $"Dataset '{name}' is invalid: name a {DatasetFiles.Extensions} file in the model's folder, as \"{model}/{{file}}.csv\" or \"{{file}}.csv\" (at most 200 characters, no '/', '\\' or '..').");
        }

        return $"{model}/{file}";
    }
}
