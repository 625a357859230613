using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>The spec's text as JSON in a response, read as the spec parser reads it (comments, trailing commas).</summary>
internal static class ModelSpecViews
{
    public static ModelSpecView Of(string model, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, ModelSpecParser.DocumentOptions);
            return new ModelSpecView(model, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            // Written to the container by hand and broken: say so rather than fail the request.
            throw new MlopsException(MlopsErrorCode.Conflict, $"datasets/{model}/mlops.json is not valid JSON; PUT a corrected spec to replace it.");
        }
    }
}
