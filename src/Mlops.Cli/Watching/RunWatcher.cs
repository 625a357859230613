using Mlops.Cli.Api;
using Mlops.Cli.Api.Contracts;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Watching;

/// <summary>
/// Follows a run (GET /api/runs/{runId}) until it ends: a live view of its stages and search on a terminal, plain
/// progress lines when output is redirected, nothing under <c>--json</c>. A few failed polls in a row (a storage blip,
/// a restarting host) are waited out rather than ending the watch.
/// </summary>
public sealed class RunWatcher(CommandContext context, TimeSpan interval, TimeProvider clock)
{
    private const int MaxFailedPolls = 10;

    public async Task<ApiResponse<RunView>> WatchAsync(string runId, CancellationToken cancellationToken)
    {
        if (!context.IsLive)
        {
            var progress = context.Json ? null : new PlainRunProgress(context.Output);
            return await PollAsync(runId, run => progress?.Update(run, clock.GetUtcNow()), cancellationToken);
        }

        ApiResponse<RunView>? last = null;
        var first = await PollOnceAsync(runId, cancellationToken);
        await context.Output.LiveAsync(RunRenderer.Render(first.Value, clock.GetUtcNow()), async update =>
            last = await PollAsync(runId, run => update(RunRenderer.Render(run, clock.GetUtcNow())), cancellationToken, first));
        return last!;
    }

    private async Task<ApiResponse<RunView>> PollAsync(string runId, Action<RunView> show, CancellationToken cancellationToken, ApiResponse<RunView>? first = null)
    {
        var current = first ?? await PollOnceAsync(runId, cancellationToken);
        show(current.Value);
        while (!current.Value.IsFinished)
        {
            await Task.Delay(interval, clock, cancellationToken);
            current = await PollOnceAsync(runId, cancellationToken);
            show(current.Value);
        }

        return current;
    }

    private async Task<ApiResponse<RunView>> PollOnceAsync(string runId, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await context.Api.GetRunAsync(runId, cancellationToken);
            }
            catch (Exception error) when (failures < MaxFailedPolls && IsTransient(error))
            {
                await Task.Delay(interval, clock, cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception error) =>
        error is ApiUnreachableException || error is ApiProblemException { Problem.Status: 502 or 503 or 504 };
}
