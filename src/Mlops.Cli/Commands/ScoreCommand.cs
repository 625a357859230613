using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mlops.Cli.Api;
using Mlops.Cli.Api.Contracts;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;
using Mlops.Cli.Watching;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops score M FILE [--version V] [--log-predictions] [--watch] [--out PATH]</c>: scores FILE as a batch job. A
/// FILE that exists on this machine is sent to the app (POST /api/models/{model}/score with the CSV as the body);
/// otherwise FILE names a CSV already in scoring/{model}/. With --watch the job is followed to its end, and with --out
/// its scored file (and its rejected rows, beside it) downloaded. <c>score job ID</c> shows a job.
/// </summary>
public static class ScoreCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var file = new Argument<string>("file") { Description = "A CSV on this machine, sent to the app; else the name of a CSV already in the scoring container, under scoring/{model}/" };
        var version = new Option<int?>("--version", "-v") { Description = "The version to score with (default: the champion)" };
        var log = new Option<bool>("--log-predictions") { Description = "Also log each row as a prediction (its id added to the scored file, for feedback and monitoring)" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the job until it ends; the exit code then reflects its outcome" };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the scored CSV once the job completes (implies --watch); rejected rows go beside it, as NAME.rejected.csv" };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls while watching", DefaultValueFactory = _ => 1 };
        var command = new Command("score", "Score a CSV as a batch job: a local file is uploaded, else a file already in scoring/{model}/") { model, file, version, log, watch, output, interval };
        runtime.SetAction(command, (context, parse, ct) => RunAsync(
            context,
            new ScoreArguments(
                ModelNames.Validate(parse.GetValue(model)),
                parse.GetValue(file) ?? string.Empty,
                parse.GetValue(version) is { } v ? Arguments.CheckVersion(v) : null,
                parse.GetValue(log),
                parse.GetValue(watch) || parse.GetValue(output) is not null,
                parse.GetValue(output),
                Arguments.PollInterval(parse.GetValue(interval))),
            ct));

        var jobId = new Argument<string>("job-id") { Description = "The job's id, as score answered" };
        var job = new Command("job", "Show a scoring job: rows done of total, status, output") { jobId };
        runtime.SetAction(job, async (context, parse, ct) =>
        {
            var id = parse.GetValue(jobId);
            if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
            {
                throw new CliUsageException($"Job id '{id}' is invalid: use the jobId score answered.");
            }

            var answer = await context.Api.GetJobAsync(id, ct);
            return context.Show(answer, _ => JsonRenderer.Render(answer.Json));
        });
        command.Subcommands.Add(job);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, ScoreArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        var accepted = await StartAsync(context, arguments, cancellationToken);
        if (!arguments.Watch)
        {
            return context.Show(accepted, JsonRenderer.Render);
        }

        var jobId = accepted.Value.GetProperty("jobId").GetString() ?? string.Empty;
        if (!context.Json)
        {
            context.Output.Line($"Scoring job {jobId} ({(accepted.Value.GetProperty("started").GetBoolean() ? "started" : "already known")}).");
        }

        var ended = await new JobWatcher(context, arguments.Interval, TimeProvider.System).WatchAsync(jobId, cancellationToken);
        var job = ended.Value;
        if (job.Status == "Completed" && arguments.Out is { } target)
        {
            await DownloadAsync(context, job, target, cancellationToken);
        }

        if (context.Json)
        {
            context.Output.Json(ended.Json);
        }
        else
        {
            context.Output.Line(job.Reason ?? job.Status);
        }

        return job.Status == "Completed" ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    private static Task<ApiResponse<JsonElement>> StartAsync(CommandContext context, ScoreArguments arguments, CancellationToken cancellationToken)
    {
        var local = new FileInfo(arguments.File);
        if (!local.Exists)
        {
            return context.Api.ScoreAsync(arguments.Model, arguments.File, arguments.Version, arguments.LogPredictions, cancellationToken);
        }

        // The stored name is the local one when the app would take it; otherwise the app names the file itself.
        var name = local.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !local.Name.StartsWith('.') ? local.Name : null;
        return UploadAsync(context, arguments, local, name, cancellationToken);
    }

    private static async Task<ApiResponse<JsonElement>> UploadAsync(CommandContext context, ScoreArguments arguments, FileInfo local, string? name, CancellationToken cancellationToken)
    {
        await using var csv = local.OpenRead();
        return await context.Api.ScoreUploadAsync(arguments.Model, csv, name, arguments.Version, arguments.LogPredictions, cancellationToken);
    }

    private static async Task DownloadAsync(CommandContext context, JobView job, FileInfo target, CancellationToken cancellationToken)
    {
        await WriteAsync(context, job.JobId, rejected: false, target, cancellationToken);
        if (!context.Json)
        {
            context.Output.Line(string.Create(CultureInfo.InvariantCulture, $"Scored rows written to {target.FullName}."));
        }

        if (job.RowsRejected > 0)
        {
            var beside = new FileInfo(Path.Combine(target.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(target.Name) + ".rejected.csv"));
            await WriteAsync(context, job.JobId, rejected: true, beside, cancellationToken);
            if (!context.Json)
            {
                context.Output.Line(string.Create(CultureInfo.InvariantCulture, $"{job.RowsRejected:N0} rejected rows, with the reason for each, written to {beside.FullName}."));
            }
        }
    }

    private static async Task WriteAsync(CommandContext context, string jobId, bool rejected, FileInfo target, CancellationToken cancellationToken)
    {
        // Written beside the target and moved into place, so an interrupted download never leaves half a file under its name.
        var partial = target.FullName + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await context.Api.DownloadJobFileAsync(jobId, rejected, file, cancellationToken);
            }

            File.Move(partial, target.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
