using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Registry;
using Mlops.Core.Serving;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>PUT /api/models/{model}/aliases/{alias} {"version": n}: manual promotion or rollback, compare-and-swap.</summary>
public sealed class SetAliasFunction(IModelRegistry registry, IOptions<ServingOptions> options)
{
    [Function("SetAlias")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "models/{model}/aliases/{alias}")] HttpRequest request,
        string model,
        string alias,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        if (!ModelName.IsValid(alias) || alias == Aliases.Latest)
        {
            throw MlopsException.Invalid($"Alias '{alias}' is invalid: an alias follows the model-name rule and 'latest' is reserved.");
        }

        using var body = await JsonBody.ReadAsync(request, BodyLimit.Request(options.Value), cancellationToken);
        var root = JsonBody.RootObject(body);
        if (!root.TryGetProperty("version", out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var version) || version < 1)
        {
            throw MlopsException.Invalid("Field 'version' is required: a positive whole number naming a registered version.");
        }

        await ModelVersions.GetAsync(registry, model, version, cancellationToken);
        var current = await registry.GetAliasAsync(model, alias, cancellationToken);
        if (current?.Version == version)
        {
            // Already there: nothing moves, so nothing is written or logged.
            return new OkObjectResult(new AliasMoved(model, alias, version, current.Version));
        }

        if (!await registry.TrySetAliasAsync(model, alias, version, current?.ETag, cancellationToken))
        {
            throw new MlopsException(
                MlopsErrorCode.Conflict,
                string.Create(CultureInfo.InvariantCulture, $"Alias '{alias}' of model '{model}' was moved by someone else meanwhile; read it and try again."));
        }

        return new OkObjectResult(new AliasMoved(model, alias, version, current?.Version));
    });
}
