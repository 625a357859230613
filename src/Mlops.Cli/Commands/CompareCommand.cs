using System.CommandLine;
using Mlops.Cli.Input;
using Mlops.Cli.Rendering;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops compare M A B</c>: two versions side by side (GET /api/models/{model}/compare?versions=a,b).</summary>
public static class CompareCommand
{
    public static Command Create(CliRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var a = Arguments.Version("a", "The first version");
        var b = Arguments.Version("b", "The second version");
        var command = new Command("compare", "Compare two versions: metrics and their difference on a shared holdout, parameters, schema") { model, a, b };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var name = ModelNames.Validate(parse.GetValue(model));
            var comparison = await context.Api.CompareAsync(name, Arguments.CheckVersion(parse.GetValue(a), "a"), Arguments.CheckVersion(parse.GetValue(b), "b"), ct);
            return context.Show(comparison, ComparisonRenderer.Render);
        });
        return command;
    }
}
