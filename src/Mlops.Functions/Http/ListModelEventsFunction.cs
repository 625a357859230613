using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Events;

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
        ArgumentNullException.ThrowIfNull(request);
        ModelName.Validate(model);
        var after = Whole(request.Query["after"], "after", 0, long.MaxValue - 1, 0);
        var top = Whole(request.Query["top"], "top", 1, MaxTop, MaxTop);
        var list = await events.ListAsync(model, after, (int)top, cancellationToken);
        return new OkObjectResult(list.Select(e => new { e.Id, e.Sequence, e.Type, e.At, e.Data }).ToArray());
    });

    private static long Whole(string? value, string name, long min, long max, long fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw MlopsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Query parameter '{name}' must be a whole number from {min} to {max}."));
    }
}
