using Mlops.Cli.Api;
using Mlops.Cli.Output;
using Spectre.Console.Rendering;

namespace Mlops.Cli;

/// <summary>What a command's action works with: the API, the output, and whether JSON was asked for.</summary>
public sealed record CommandContext(MlopsApiClient Api, ICliOutput Output, bool Json)
{
    /// <summary>A live view is drawn only on a terminal and never under <c>--json</c>.</summary>
    public bool IsLive => Output.IsInteractive && !Json;

    /// <summary>The API's JSON under <c>--json</c>, else what <paramref name="render"/> makes of the answer.</summary>
    public int Show<T>(ApiResponse<T> response, Func<T, IRenderable> render)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(render);
        if (Json)
        {
            Output.Json(response.Json);
        }
        else
        {
            Output.Write(render(response.Value));
        }

        return ExitCodes.Success;
    }

    /// <summary>The API's JSON under <c>--json</c>, else one sentence about the answer.</summary>
    public int Say<T>(ApiResponse<T> response, Func<T, string> sentence)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(sentence);
        if (Json)
        {
            Output.Json(response.Json);
        }
        else
        {
            Output.Line(sentence(response.Value));
        }

        return ExitCodes.Success;
    }
}
