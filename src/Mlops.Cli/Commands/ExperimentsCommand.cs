using System.CommandLine;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops experiments M</c> lists a model's A/B experiments; <c>experiments show|approve|stop M ID</c> read, approve or
/// stop one; <c>experiments start M --challenger V [--traffic 0.5] [--strategy ab|shadow]</c> starts one by hand.
/// </summary>
public static class ExperimentsCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var command = new Command("experiments", "List a model's A/B experiments, newest first") { model };
        runtime.SetAction(command, async (context, parse, ct) =>
            context.Show(await context.Api.ListExperimentsAsync(ModelNames.Validate(parse.GetValue(model)), ct), ExperimentRenderer.List));

        command.Subcommands.Add(OnOne(runtime, "show", "Show an experiment: variants, the difference and its interval, the decision", (api, m, id, ct) => api.GetExperimentAsync(m, id, ct)));
        command.Subcommands.Add(OnOne(runtime, "approve", "Promote a challenger awaiting approval", (api, m, id, ct) => api.ApproveExperimentAsync(m, id, ct)));
        command.Subcommands.Add(OnOne(runtime, "stop", "Stop an open experiment: the champion stays", (api, m, id, ct) => api.StopExperimentAsync(m, id, ct)));
        command.Subcommands.Add(Start(runtime));
        return command;
    }

    private static Command OnOne(CliRuntime runtime, string name, string description, Func<Api.MlopsApiClient, string, string, CancellationToken, Task<Api.ApiResponse<Api.Contracts.ExperimentView>>> call)
    {
        var model = Arguments.Model();
        var id = Arguments.ExperimentId();
        var command = new Command(name, description) { model, id };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var experiment = await call(context.Api, ModelNames.Validate(parse.GetValue(model)), Arguments.CheckExperimentId(parse.GetValue(id)), ct);
            return context.Show(experiment, ExperimentRenderer.Show);
        });
        return command;
    }

    private static Command Start(CliRuntime runtime)
    {
        var model = Arguments.Model();
        var challenger = new Option<int>("--challenger", "-c") { Description = "The registered version to try against the champion", Required = true };
        var traffic = new Option<double?>("--traffic", "-t") { Description = "The challenger's share of traffic, between 0 and 1 (default: the spec's promotion.challengerTraffic)" };
        var strategy = new Option<string?>("--strategy", "-s") { Description = "ab (split traffic) or shadow (score both, serve the champion)" };
        strategy.AcceptOnlyFromAmong("ab", "shadow");
        var command = new Command("start", "Start an experiment by hand: a registered version against the champion") { model, challenger, traffic, strategy };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var share = parse.GetValue(traffic);
            if (share is { } value && (value <= 0 || value > 1))
            {
                throw new CliUsageException("--traffic is the challenger's share: more than 0, at most 1.");
            }

            var started = await context.Api.StartExperimentAsync(
                ModelNames.Validate(parse.GetValue(model)),
                Arguments.CheckVersion(parse.GetValue(challenger), "--challenger"),
                share,
                parse.GetValue(strategy),
                ct);
            return context.Show(started, ExperimentRenderer.Show);
        });
        return command;
    }
}
