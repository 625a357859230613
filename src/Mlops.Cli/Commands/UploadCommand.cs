using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Cli.Api;
using Mlops.Cli.Api.Contracts;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;
using Mlops.Cli.Watching;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops upload FILE --model M [--watch] [--retrain]</c>: POST /api/datasets/{model} with the CSV (with --retrain, a
/// file already trained is trained again under the model's spec as it is now), and with --watch follow the run to its
/// end, then show the registered version's metrics and whether it was promoted.
/// </summary>
public static class UploadCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var file = new Argument<FileInfo>("file") { Description = "The CSV to upload (a header row; the label is the column named label, else the last)" };
        var model = new Option<string>("--model", "-m") { Description = "The model the data trains", Required = true };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the run until it ends; the exit code then reflects its outcome" };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls while watching", DefaultValueFactory = _ => 1 };
        var retrain = new Option<bool>("--retrain") { Description = "Train a file already trained again, under the model's spec as it is now (once per spec)" };
        var command = new Command("upload", "Upload a CSV dataset: it starts a run (validate, train, evaluate, register, promote)") { file, model, watch, interval, retrain };
        runtime.SetAction(command, (context, parse, cancellationToken) => RunAsync(
            context,
            ModelNames.Validate(parse.GetValue(model)),
            Arguments.ExistingFile(parse.GetValue(file), "File"),
            parse.GetValue(watch),
            Arguments.PollInterval(parse.GetValue(interval)),
            parse.GetValue(retrain),
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, string model, FileInfo file, bool watch, TimeSpan interval, bool retrain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(file);
        ApiResponse<DatasetAccepted> accepted;
        await using (var csv = file.OpenRead())
        {
            accepted = await context.Api.UploadDatasetAsync(model, csv, retrain, cancellationToken);
        }

        var upload = accepted.Value;
        if (context.Json && !watch)
        {
            context.Output.Json(accepted.Json);
            return ExitCodes.Success;
        }

        if (!context.Json)
        {
            Say(context, upload);
        }

        if (!watch)
        {
            return ExitCodes.Success;
        }

        var run = await new RunWatcher(context, interval, TimeProvider.System).WatchAsync(upload.RunId, cancellationToken);
        var registered = run.Value.Version is { } version ? await context.Api.GetVersionAsync(model, version, cancellationToken) : null;
        var champion = run.Value.Version is null ? null : await ChampionAsync(context, model, cancellationToken);
        if (context.Json)
        {
            context.Output.Json(Outcome(run.Json, registered?.Json, champion));
        }
        else
        {
            Report(context, run.Value, registered?.Value, champion);
        }

        return ExitCode(run.Value.Status);
    }

    /// <summary>What a watched upload's exit code is for the status its run ended with.</summary>
    public static int ExitCode(string status) => status switch
    {
        RunStatuses.Completed => ExitCodes.Success,
        RunStatuses.Quarantined => ExitCodes.RunQuarantined,
        _ => ExitCodes.RunFailed,
    };

    /// <summary>The run's JSON with the registered version's manifest ("registered") and the champion's number ("champion") added.</summary>
    public static JsonElement Outcome(JsonElement run, JsonElement? registered, int? champion)
    {
        var node = JsonNode.Parse(run.GetRawText())?.AsObject() ?? new JsonObject();
        node["registered"] = registered is { } manifest ? JsonNode.Parse(manifest.GetRawText()) : null;
        node["champion"] = champion;
        return JsonSerializer.SerializeToElement(node, ApiJson.Options);
    }

    private static void Say(CommandContext context, DatasetAccepted upload)
    {
        context.Output.Line(upload.Started
            ? $"Uploaded {upload.Dataset}: run {upload.RunId} started."
            : $"Identical content was uploaded before: its run is {upload.RunId}; nothing new starts.");
    }

    private static void Report(CommandContext context, RunView run, VersionManifest? registered, int? champion)
    {
        if (!context.IsLive)
        {
            // The live view ends on the same sentence.
            context.Output.Line(RunRenderer.Outcome(run));
        }

        if (run.Findings is { Count: > 0 } findings && run.Status == RunStatuses.Quarantined)
        {
            context.Output.Write(RunRenderer.Findings(findings));
        }

        if (registered is null)
        {
            return;
        }

        var championText = champion is { } number ? $"; the champion is version {number}" : "; the model has no champion";
        context.Output.Line($"Version {registered.Version} of {registered.Model} ({registered.Trainer}){championText}. Metrics on the holdout:");
        context.Output.Write(ModelRenderer.Metrics(registered.Metrics));
    }

    private static async Task<int?> ChampionAsync(CommandContext context, string model, CancellationToken cancellationToken)
    {
        var details = await context.Api.GetModelAsync(model, cancellationToken);
        return details.Value.Aliases is { } aliases && aliases.TryGetValue("champion", out var version) ? version : null;
    }
}
