using System.Text.Json;
using Spectre.Console.Rendering;

namespace Mlops.Cli.Output;

/// <summary>
/// Everything a command prints goes through here: results to standard output (tables, plain lines or JSON), problems
/// to standard error, so that a script reading standard output only ever sees results.
/// </summary>
public interface ICliOutput
{
    /// <summary>
    /// Standard output is a terminal that takes escape codes: live views and colour are welcome. False when it is
    /// redirected, and on a terminal that cannot move the cursor.
    /// </summary>
    bool IsInteractive { get; }

    /// <summary>A table, a grid or any other Spectre.Console renderable, on standard output.</summary>
    void Write(IRenderable renderable);

    /// <summary>One line of plain text on standard output, as it is (no markup, no wrapping).</summary>
    void Line(string text);

    /// <summary>JSON on standard output, indented.</summary>
    void Json(JsonElement json);

    /// <summary>A sentence on standard error: what went wrong and, where it helps, what to do.</summary>
    void ErrorLine(string message);

    /// <summary>Shows <paramref name="initial"/> and redraws it in place with whatever <paramref name="body"/> passes to its update callback.</summary>
    Task LiveAsync(IRenderable initial, Func<Action<IRenderable>, Task> body);
}
