using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Events;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/models/{model}/events[?after=n&amp;top=n]: the model's event log, oldest first; a reader that keeps the last
/// sequence it saw passes it as <c>after</c> to get only what is new.
/// </summary>
public sealed class ListModelEventsFunction(IRegistryEventLog events)
{
    public const int MaxTop = 1000;

    [Function("ListModelEvents")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/events")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var after = QueryParameters.Whole(request, "after", 0, long.MaxValue - 1, 0);
        var top = QueryParameters.Whole(request, "top", 1, MaxTop, MaxTop);
        var list = await events.ListAsync(model, after, (int)top, cancellationToken);
        return new OkObjectResult(list.Select(RegistryEventView.Of).ToArray());
    });
}
