using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>
/// PUT /api/models/{model}/spec: stores the model's spec (label, task, column roles, thresholds, primary metric) as
/// datasets/{model}/mlops.json, for the next run. A spec that would quarantine every upload is refused here instead,
/// with the same sentence the quarantine report would give.
/// </summary>
public sealed class PutModelSpecFunction(IDatasetStore datasets)
{
    /// <summary>A spec names columns and a few numbers; anything larger is not one.</summary>
    public const int MaxSpecBytes = 64 * 1024;

    [Function("PutModelSpec")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "models/{model}/spec")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var bytes = await RequestBytes.ReadAsync(request, new BodyLimit(MaxSpecBytes, Setting: null), cancellationToken);
        if (!Utf8.IsValid(bytes))
        {
            throw MlopsException.Invalid("The spec is not valid UTF-8; send it as UTF-8 JSON.");
        }

        var json = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        if (ModelSpecParser.Parse(json, out var error) is null)
        {
            throw MlopsException.Invalid(error!.Message);
        }

        await datasets.WriteSpecAsync(model, json, cancellationToken);
        return new OkObjectResult(ModelSpecViews.Of(model, json));
    });
}
