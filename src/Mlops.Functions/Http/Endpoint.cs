using Microsoft.AspNetCore.Mvc;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>
/// Runs an HTTP function's body so that a caller's mistake always answers problem+json with its reason, and storage
/// out of reach answers 503 with Retry-After; anything else is a fault of ours and propagates to the host, which logs
/// it once.
/// </summary>
public static class Endpoint
{
    public static async Task<IActionResult> HandleAsync(Func<Task<IActionResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            return await handler();
        }
        catch (MlopsException error)
        {
            return ProblemResponses.From(error);
        }
        catch (Exception error) when (StorageOutage.IsOutage(error))
        {
            return ProblemResponses.From(StorageOutage.Unavailable(error));
        }
    }
}
