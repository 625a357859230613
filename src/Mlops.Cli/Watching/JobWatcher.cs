using System.Globalization;
using Mlops.Cli.Api;
using Mlops.Cli.Api.Contracts;

namespace Mlops.Cli.Watching;

/// <summary>
/// Follows a scoring job (GET /api/jobs/{jobId}) until it ends, printing its rows done of total whenever they move
/// (nothing under <c>--json</c>). Failed polls in a row are waited out, as a run's watch does.
/// </summary>
public sealed class JobWatcher(CommandContext context, TimeSpan interval, TimeProvider clock)
{
    private const int MaxFailedPolls = 10;

    public async Task<ApiResponse<JobView>> WatchAsync(string jobId, CancellationToken cancellationToken)
    {
        long? shown = null;
        while (true)
        {
            var current = await PollOnceAsync(jobId, cancellationToken);
            var job = current.Value;
            if (!context.Json && job.RowsDone != shown && !job.IsFinished)
            {
                shown = job.RowsDone;
                context.Output.Line(Progress(job));
            }

            if (job.IsFinished)
            {
                return current;
            }

            await Task.Delay(interval, clock, cancellationToken);
        }
    }

    /// <summary>Rows done of total; before the file is split into chunks its row count is not known yet.</summary>
    private static string Progress(JobView job) => job.RowsTotal is { } total
        ? string.Create(CultureInfo.InvariantCulture, $"{job.JobId}: {job.Status}, {job.RowsDone:N0} of {total:N0} rows")
        : $"{job.JobId}: {job.Status}, counting the file's rows";

    private async Task<ApiResponse<JobView>> PollOnceAsync(string jobId, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await context.Api.GetJobAsync(jobId, cancellationToken);
            }
            catch (Exception error) when (failures < MaxFailedPolls && (error is ApiUnreachableException || error is ApiProblemException { Problem.Status: 502 or 503 or 504 }))
            {
                await Task.Delay(interval, clock, cancellationToken);
            }
        }
    }
}
