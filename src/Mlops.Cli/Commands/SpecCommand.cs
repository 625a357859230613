using System.CommandLine;
using System.Text.Json;
using Mlops.Cli.Api;
using Mlops.Cli.Input;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops spec get M</c> prints the model's spec (the JSON file itself, ready to edit); <c>spec put M FILE</c> checks it is
/// JSON and stores it (PUT /api/models/{model}/spec), which the API checks again and refuses naming the mistake.
/// </summary>
public static class SpecCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var command = new Command("spec", "Read or write a model's spec (label, column roles, thresholds, gates, promotion)");

        var getModel = Arguments.Model();
        var get = new Command("get", "Print the model's spec") { getModel };
        runtime.SetAction(get, async (context, parse, ct) =>
        {
            var answer = await context.Api.GetSpecAsync(ModelNames.Validate(parse.GetValue(getModel)), ct);
            context.Output.Json(context.Json ? answer.Json : SpecOf(answer.Json));
            return ExitCodes.Success;
        });
        command.Subcommands.Add(get);

        var putModel = Arguments.Model();
        var file = new Argument<FileInfo>("file") { Description = "The spec, a JSON file" };
        var put = new Command("put", "Store the model's spec; its next run reads it") { putModel, file };
        runtime.SetAction(put, async (context, parse, ct) =>
        {
            var name = ModelNames.Validate(parse.GetValue(putModel));
            var path = Arguments.ExistingFile(parse.GetValue(file), "Spec file");
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            try
            {
                using var _ = JsonDocument.Parse(text);
            }
            catch (JsonException error)
            {
                throw new CliUsageException($"{path.Name} is not valid JSON: {error.Message}", error);
            }

            var stored = await context.Api.PutSpecAsync(name, text, ct);
            return context.Say(stored, _ => $"Stored the spec of {name}; its next run reads it.");
        });
        command.Subcommands.Add(put);
        return command;
    }

    /// <summary>GET answers {"model","spec"}: without --json, the spec alone, as the file it was written from.</summary>
    private static JsonElement SpecOf(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("spec", out var spec) ? spec : answer;
}
