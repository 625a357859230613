using System.CommandLine;
using Mlops.Cli.Api;
using Mlops.Cli.Input;
using Mlops.Cli.Output;
using Mlops.Cli.Rendering;

namespace Mlops.Cli;

/// <summary>
/// Runs a command's action with its <see cref="CommandContext"/>, and turns whatever stops it into a sentence on
/// standard error and an exit code (<see cref="ExitCodes"/>): never a stack trace.
/// </summary>
public sealed class CliRuntime(GlobalOptions options, ICliOutput output, HttpMessageHandler? handler)
{
    public GlobalOptions Options => options;

    public void SetAction(Command command, Func<CommandContext, ParseResult, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, ParseResult, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            using var api = MlopsApiClient.Create(BaseAddress(parse.GetValue(options.Url)), parse.GetValue(options.Key), handler);
            return await action(new CommandContext(api, output, parse.GetValue(options.Json)), parse, cancellationToken);
        }
        catch (CliUsageException error)
        {
            output.ErrorLine(error.Message);
            return ExitCodes.Usage;
        }
        catch (ApiProblemException error)
        {
            output.ErrorLine(ProblemRenderer.Describe(error.Problem));
            return ExitCodes.ApiError;
        }
        catch (ApiUnreachableException error)
        {
            output.ErrorLine(error.Message);
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.ErrorLine("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A bug of ours: say what it was in one line (a stack trace helps nobody at a prompt), and exit apart.
            output.ErrorLine($"The command failed unexpectedly ({error.GetType().Name}: {error.Message}). Please report it.");
            return ExitCodes.Internal;
        }
    }

    private static Uri BaseAddress(string? url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps))
        {
            return address;
        }

        throw new CliUsageException($"--url '{url}' is not an http(s) address, e.g. {GlobalOptions.DefaultUrl}.");
    }
}
