using Microsoft.Azure.Functions.Worker;
using Mlops.Functions.Webhooks;

namespace Mlops.Functions.Timers;

/// <summary>
/// On the Webhooks:Schedule (every minute by default), catches every model's webhooks up (see <see cref="WebhookSweep"/>);
/// deliveries normally go out as soon as their event is appended, through <see cref="WebhookDispatcher"/>.
/// </summary>
public sealed class WebhookDispatchFunction(WebhookSweep sweep)
{
    /// <summary>The app setting Webhooks__Schedule, read by the host as it indexes the function.</summary>
    public const string Schedule = "%Webhooks:Schedule%";

    [Function("WebhookDispatch")]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
