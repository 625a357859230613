using System.CommandLine;
using Mlops.Cli.Api.Contracts;
using Mlops.Cli.Input;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops promote M V [--alias champion]</c> and <c>mlops rollback M V [--alias champion]</c>: both point an alias at a
/// version (PUT /api/models/{model}/aliases/{alias}, compare-and-swap); they differ in what they say they did.
/// </summary>
public static class AliasCommand
{
    public static Command Promote(CliRuntime runtime) =>
        Create(runtime, "promote", "Point an alias (champion by default) at a version: serve it", "promoted");

    public static Command Rollback(CliRuntime runtime) =>
        Create(runtime, "rollback", "Point an alias (champion by default) back at an earlier version", "rolled back");

    private static Command Create(CliRuntime runtime, string name, string description, string verb)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var model = Arguments.Model();
        var version = Arguments.Version();
        var alias = new Option<string>("--alias", "-a") { Description = "The alias to move", DefaultValueFactory = _ => "champion" };
        var command = new Command(name, description) { model, version, alias };
        runtime.SetAction(command, async (context, parse, ct) =>
        {
            var aliasName = parse.GetValue(alias);
            if (!ModelNames.IsValid(aliasName) || aliasName == "latest")
            {
                throw new CliUsageException($"Alias '{aliasName}' is invalid: an alias follows the model-name rule ({ModelNames.Rule}) and 'latest' is reserved.");
            }

            var moved = await context.Api.SetAliasAsync(ModelNames.Validate(parse.GetValue(model)), aliasName!, Arguments.CheckVersion(parse.GetValue(version)), ct);
            return context.Say(moved, value => Describe(value, verb));
        });
        return command;
    }

    public static string Describe(AliasMoved moved, string verb)
    {
        ArgumentNullException.ThrowIfNull(moved);
        return moved.PreviousVersion switch
        {
            { } previous when previous == moved.Version => $"{moved.Model}: {moved.Alias} is already version {moved.Version}; nothing moved.",
            { } previous => $"{moved.Model}: {moved.Alias} {verb} from version {previous} to version {moved.Version}.",
            _ => $"{moved.Model}: {moved.Alias} {verb} to version {moved.Version}.",
        };
    }
}
