using System.CommandLine;
using System.Text.Json;
using Mlops.Cli.Api;
using Mlops.Cli.Api.Contracts;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;
using Mlops.Cli.Watching;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops runs [--model M]</c> lists runs newest first (every model's without --model); <c>runs show RUNID</c> shows one
/// run's stages, search and findings; <c>runs watch RUNID</c> follows one until it ends, as <c>upload --watch</c> does;
/// <c>runs restart RUNID [--reason R] [--watch]</c> runs a stalled, failed or quarantined one again.
/// </summary>
public static class RunsCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = new Option<string?>("--model", "-m") { Description = "Only this model's runs" };
        var command = new Command("runs", "List runs, newest first") { model };
        runtime.SetAction(command, (context, parse, ct) => ListAsync(context, parse.GetValue(model), ct));

        var showId = Arguments.RunId();
        var show = new Command("show", "Show a run: status, stages, the search, findings, outcome") { showId };
        runtime.SetAction(show, async (context, parse, ct) =>
        {
            var run = await context.Api.GetRunAsync(Arguments.CheckRunId(parse.GetValue(showId)), ct);
            context.Show(run, value => RunRenderer.Render(value, DateTimeOffset.UtcNow));
            if (!context.Json && run.Value.Findings is { Count: > 0 } findings)
            {
                context.Output.Write(RunRenderer.Findings(findings));
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(show);

        var watchId = Arguments.RunId();
        var watch = new Command("watch", "Follow a run until it ends; the exit code reflects its outcome") { watchId };
        runtime.SetAction(watch, (context, parse, ct) => WatchAsync(context, Arguments.CheckRunId(parse.GetValue(watchId)), ct));
        command.Subcommands.Add(watch);

        var restartId = Arguments.RunId();
        var reason = new Option<string?>("--reason") { Description = "Why, recorded with the run's attempt" };
        var follow = new Option<bool>("--watch") { Description = "Follow the run until it ends; the exit code reflects its outcome" };
        var restart = new Command("restart", "Run a stalled, failed or quarantined run again (a quarantined one is validated again under the model's spec as it is now)") { restartId, reason, follow };
        runtime.SetAction(restart, async (context, parse, ct) =>
        {
            var runId = Arguments.CheckRunId(parse.GetValue(restartId));
            var restarted = await context.Api.RestartRunAsync(runId, parse.GetValue(reason), ct);
            if (parse.GetValue(follow))
            {
                if (!context.Json)
                {
                    context.Output.Line(Restarted(runId, restarted.Value));
                }

                return await WatchAsync(context, runId, ct);
            }

            return context.Say(restarted, value => Restarted(runId, value));
        });
        command.Subcommands.Add(restart);
        return command;
    }

    private static string Restarted(string runId, JsonElement answer) =>
        answer.TryGetProperty("attempt", out var attempt) && attempt.ValueKind == JsonValueKind.Number
            ? $"Run {runId} restarted: attempt {attempt.GetRawText()}."
            : $"Run {runId} restarted.";

    private static async Task<int> WatchAsync(CommandContext context, string runId, CancellationToken cancellationToken)
    {
        var run = await new RunWatcher(context, TimeSpan.FromSeconds(1), TimeProvider.System).WatchAsync(runId, cancellationToken);
        if (context.Json)
        {
            context.Output.Json(run.Json);
        }
        else if (!context.IsLive)
        {
            context.Output.Line(RunRenderer.Outcome(run.Value));
        }

        return UploadCommand.ExitCode(run.Value.Status);
    }

    private static async Task<int> ListAsync(CommandContext context, string? model, CancellationToken cancellationToken)
    {
        if (model is not null)
        {
            var runs = await context.Api.ListRunsAsync(ModelNames.Validate(model), cancellationToken);
            return context.Show(runs, value => RunRenderer.List(value, withModel: false));
        }

        // No route lists every model's runs: ask each model, and merge newest first.
        var models = await context.Api.ListModelsAsync(cancellationToken);
        var all = new List<(RunSummary Run, JsonElement Json)>();
        foreach (var each in models.Value)
        {
            var runs = await context.Api.ListRunsAsync(each.Name, cancellationToken);
            all.AddRange(runs.Value.Zip(runs.Json.EnumerateArray()));
        }

        var ordered = all.OrderByDescending(r => r.Run.StartedAt).ToArray();
        var merged = new ApiResponse<IReadOnlyList<RunSummary>>(
            [.. ordered.Select(r => r.Run)],
            JsonSerializer.SerializeToElement(ordered.Select(r => r.Json), ApiJson.Options),
            200);
        return context.Show(merged, value => RunRenderer.List(value, withModel: true));
    }
}
