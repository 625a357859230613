using System.CommandLine;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops versions M</c>: the model's versions with their metrics and aliases (GET /api/models/{model});
/// <c>versions show M V</c>: one version's manifest (GET /api/models/{model}/versions/{version}).
/// </summary>
public static class VersionsCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var command = new Command("versions", "List a model's versions with their metrics and aliases") { model };
        runtime.SetAction(command, async (context, parse, ct) =>
            context.Show(await context.Api.GetModelAsync(ModelNames.Validate(parse.GetValue(model)), ct), ModelRenderer.Versions));

        var showModel = Arguments.Model();
        var version = Arguments.Version();
        var show = new Command("show", "Show a version's manifest: trainer, metrics, parameters") { showModel, version };
        runtime.SetAction(show, async (context, parse, ct) =>
        {
            var name = ModelNames.Validate(parse.GetValue(showModel));
            var manifest = await context.Api.GetVersionAsync(name, Arguments.CheckVersion(parse.GetValue(version)), ct);
            return context.Show(manifest, ModelRenderer.Version);
        });
        command.Subcommands.Add(show);
        return command;
    }
}
