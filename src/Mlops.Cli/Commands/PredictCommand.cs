using System.CommandLine;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops predict M --features '{json}' | --file rows.json [--entity-id ID]</c>: POST /api/models/{model}/predict.</summary>
public static class PredictCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var features = new Option<string?>("--features", "-f") { Description = "One row's features as a JSON object" };
        var file = new Option<FileInfo?>("--file") { Description = "A JSON file: one row, a request ({\"features\"} or {\"instances\"}), or an array of rows" };
        var entity = new Option<string?>("--entity-id", "-e") { Description = "Who the prediction is for: the A/B variant sticks to it" };
        var command = new Command("predict", "Predict with the model's champion (or the variant the entity is assigned)") { model, features, file, entity };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var name = ModelNames.Validate(parse.GetValue(model));
            var body = (parse.GetValue(features), parse.GetValue(file)) switch
            {
                ({ } json, null) => PredictBody.FromFeatures(json, parse.GetValue(entity)),
                (null, { } path) => PredictBody.FromFile(await File.ReadAllTextAsync(Arguments.ExistingFile(path, "File").FullName, ct), parse.GetValue(entity)),
                _ => throw new CliUsageException("Give the row with --features '{json}' or a file with --file rows.json (one of them)."),
            };
            return context.Show(await context.Api.PredictAsync(name, body, ct), JsonRenderer.Render);
        });
        return command;
    }
}
