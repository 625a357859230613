using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Mlops.Core.Retention;

namespace Mlops.Functions.Timers;

/// <summary>On <see cref="RetentionOptions.Schedule"/>, deletes the versions no model needs any more (see <see cref="RetentionPass"/>).</summary>
public sealed partial class RetentionFunction(RetentionPass retention, ILogger<RetentionFunction> logger)
{
    /// <summary>The Retention:Schedule setting (Retention__Schedule in app settings), resolved by the host at start-up.</summary>
    public const string Schedule = "%Retention:Schedule%";

    [Function("Retention")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await retention.RunAsync(cancellationToken);
        var deleted = report.Models.Sum(m => m.Deleted.Count);
        Pruned(logger, report.Models.Count, deleted);
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Retention pass: {Models} models, {Deleted} versions deleted")]
    private static partial void Pruned(ILogger logger, int models, int deleted);
}
