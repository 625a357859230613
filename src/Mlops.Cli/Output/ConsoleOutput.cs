using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlops.Cli.Output;

/// <summary><see cref="ICliOutput"/> over two writers (the process's standard output and error, or a test's).</summary>
public sealed class ConsoleOutput : ICliOutput
{
    /// <summary>The width tables are laid out for when standard output is not a terminal.</summary>
    public const int RedirectedWidth = 160;

    private readonly TextWriter outWriter;
    private readonly TextWriter errorWriter;
    private readonly IAnsiConsole stdout;
    private readonly IAnsiConsole stderr;

    public ConsoleOutput(TextWriter outWriter, TextWriter errorWriter, bool interactive)
    {
        this.outWriter = outWriter;
        this.errorWriter = errorWriter;
        stdout = Create(outWriter, interactive);
        stderr = Create(errorWriter, interactive);

        // A terminal that takes no escape codes (TERM=dumb) cannot redraw a live view in place: every poll's
        // frame would pile up under the last, so it gets the plain lines a redirected output gets.
        IsInteractive = interactive && stdout.Profile.Capabilities.Ansi;
    }

    public bool IsInteractive { get; }

    /// <summary>The process's own console: interactive when standard output is a terminal that takes escape codes.</summary>
    public static ConsoleOutput ForProcess() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    public void Write(IRenderable renderable) => stdout.Write(renderable);

    public void Line(string text)
    {
        outWriter.WriteLine(text);
        outWriter.Flush();
    }

    public void Json(JsonElement json)
    {
        outWriter.WriteLine(JsonSerializer.Serialize(json, Api.ApiJson.Indented));
        outWriter.Flush();
    }

    public void ErrorLine(string message)
    {
        if (IsInteractive)
        {
            stderr.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        }
        else
        {
            errorWriter.WriteLine("error: " + message);
        }

        errorWriter.Flush();
    }

    public Task LiveAsync(IRenderable initial, Func<Action<IRenderable>, Task> body) =>
        stdout.Live(initial).AutoClear(false).StartAsync(context => body(update =>
        {
            context.UpdateTarget(update);
            context.Refresh();
        }));

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
