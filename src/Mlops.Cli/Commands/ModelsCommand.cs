using System.CommandLine;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops models</c>: every model with its aliases and latest version (GET /api/models).</summary>
public static class ModelsCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var command = new Command("models", "List models with their aliases and latest version");
        runtime.SetAction(command, async (context, _, ct) => context.Show(await context.Api.ListModelsAsync(ct), ModelRenderer.List));
        return command;
    }
}
