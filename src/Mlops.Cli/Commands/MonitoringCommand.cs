using System.CommandLine;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops monitoring M</c>: the model's monitoring windows (drift, decay) and actions; <c>monitoring run M</c> (or
/// <c>monitoring M --run</c>) closes the current window now, as the timer does, and shows it.
/// </summary>
public static class MonitoringCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var now = new Option<bool>("--run") { Description = "Close the current window first (same as monitoring run M)" };
        var command = new Command("monitoring", "Show a model's monitoring windows: drift per feature, decay, actions") { model, now };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var name = ModelNames.Validate(parse.GetValue(model));
            return parse.GetValue(now)
                ? context.Show(await context.Api.RunMonitoringAsync(name, ct), MonitoringRenderer.Window)
                : context.Show(await context.Api.GetMonitoringAsync(name, ct), MonitoringRenderer.Render);
        });

        var runModel = Arguments.Model();
        var run = new Command("run", "Close the model's current monitoring window now and show it") { runModel };
        runtime.SetAction(run, async (context, parse, ct) =>
            context.Show(await context.Api.RunMonitoringAsync(ModelNames.Validate(parse.GetValue(runModel)), ct), MonitoringRenderer.Window));
        command.Subcommands.Add(run);
        return command;
    }
}
