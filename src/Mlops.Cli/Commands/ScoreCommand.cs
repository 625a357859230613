using System.CommandLine;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops score M FILE [--version V] [--log-predictions]</c>: scores scoring/{model}/FILE as a batch job (POST /api/models/{model}/score);
/// <c>score job ID</c> shows the job's progress (GET /api/jobs/{jobId}).
/// </summary>
public static class ScoreCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var file = new Argument<string>("file") { Description = "The CSV's name in the scoring container, under scoring/{model}/" };
        var version = new Option<int?>("--version", "-v") { Description = "The version to score with (default: the champion)" };
        var log = new Option<bool>("--log-predictions") { Description = "Also log each row as a prediction (its id added to the scored file, for feedback and monitoring)" };
        var command = new Command("score", "Score a CSV already in scoring/{model}/ as a batch job") { model, file, version, log };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var name = ModelNames.Validate(parse.GetValue(model));
            var named = parse.GetValue(version) is { } v ? Arguments.CheckVersion(v) : (int?)null;
            return context.Show(await context.Api.ScoreAsync(name, parse.GetValue(file) ?? string.Empty, named, parse.GetValue(log), ct), JsonRenderer.Render);
        });

        var jobId = new Argument<string>("job-id") { Description = "The job's id, as score answered" };
        var job = new Command("job", "Show a scoring job: rows done of total, status, output") { jobId };
        runtime.SetAction(job, async (context, parse, ct) =>
        {
            var id = parse.GetValue(jobId);
            if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
            {
                throw new CliUsageException($"Job id '{id}' is invalid: use the jobId score answered.");
            }

            return context.Show(await context.Api.GetJobAsync(id, ct), JsonRenderer.Render);
        });
        command.Subcommands.Add(job);
        return command;
    }
}
