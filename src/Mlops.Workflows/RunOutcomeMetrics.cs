using System.Diagnostics;
using Microsoft.DurableTask;
using Mlops.Core.Telemetry;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows;

/// <summary>
/// Counts a run's end in <see cref="MlopsTelemetry.Runs"/> once: an orchestrator's code runs again on every replay, so
/// only the live execution counts (a host lost between counting and committing may count a run twice, never zero times).
/// </summary>
internal static class RunOutcomeMetrics
{
    public static void Record(TaskOrchestrationContext context, RunRequest input, RunResult result)
    {
        if (context.IsReplaying)
        {
            return;
        }

        MlopsTelemetry.Runs.Add(1, new TagList
        {
            { "model", input.Dataset.Model },
            { "outcome", result.Status.ToString().ToLowerInvariant() },
            { "trigger", input.Trigger?.Kind ?? "unrecorded" },
        });
    }
}
