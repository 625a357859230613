using System.CommandLine;
using System.Text.Json.Nodes;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops feedback M --prediction-id ID --label L</c>: the true outcome of a served prediction.</summary>
public static class FeedbackCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var predictionId = new Option<string>("--prediction-id", "-p") { Description = "The predictionId predict answered", Required = true };
        var label = new Option<string>("--label", "-l") { Description = "The true label (a class, or a number for regression)", Required = true };
        var command = new Command("feedback", "Send the true label of a served prediction") { model, predictionId, label };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var name = ModelNames.Validate(parse.GetValue(model));
            var id = parse.GetValue(predictionId);
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new CliUsageException("--prediction-id is required: the predictionId that predict answered.");
            }

            var answer = await context.Api.SendFeedbackAsync(name, id, JsonValue.Create(parse.GetValue(label) ?? string.Empty), ct);
            return context.Show(answer, JsonRenderer.Render);
        });
        return command;
    }
}
