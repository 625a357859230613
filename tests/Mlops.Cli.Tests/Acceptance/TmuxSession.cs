using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Mlops.Cli.Tests.Acceptance;

/// <summary>
/// A command in a detached tmux pane of a fixed size: a real terminal (standard output is a tty, cursor movement is
/// honoured) whose screen a test reads as text. The server listens on a socket in a temporary folder of its own, so a
/// user's tmux server and sessions are never touched.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private static readonly TimeSpan TmuxTimeout = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo directory;
    private readonly string name = "mlops-" + Guid.NewGuid().ToString("N");
    private int? panePid;

    private TmuxSession(DirectoryInfo directory) => this.directory = directory;

    private string Socket => Path.Combine(directory.FullName, "tmux.sock");

    private string ExitCodeFile => Path.Combine(directory.FullName, "exit-code");

    /// <summary>
    /// Runs <paramref name="command"/> in a new <paramref name="width"/> by <paramref name="height"/> pane, with
    /// <paramref name="environment"/> over the test process's (a null value unsets the variable). The pane stays open
    /// after the command ends, so its last screen can still be read.
    /// </summary>
    public static TmuxSession Start(int width, int height, string workingDirectory, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> command)
    {
        var session = new TmuxSession(Directory.CreateTempSubdirectory("mlops-tmux-"));
        try
        {
            // More than one argument after the options: tmux runs them as they are, with no shell quoting in between.
            // The shell writes the exit code where the test looks for it, then sleeps so the pane stays.
            string[] script = ["sh", "-c", "f=$1; shift; \"$@\"; echo $? > \"$f\"; exec sleep 600", "sh", session.ExitCodeFile, "env"];
            var unset = environment.Where(e => e.Value is null).SelectMany(e => new[] { "-u", e.Key });
            var set = environment.Where(e => e.Value is not null).Select(e => $"{e.Key}={e.Value}");
            session.Tmux(
            [
                "new-session", "-d", "-s", session.name, "-x", Invariant(width), "-y", Invariant(height), "-c", workingDirectory,
                .. script, .. unset, .. set, .. command,
            ]);
            session.panePid = int.Parse(session.Tmux("display-message", "-p", "-t", session.name, "#{pane_pid}").Trim(), CultureInfo.InvariantCulture);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The command's exit code once it has ended, else null.</summary>
    public int? ExitCode =>
        File.Exists(ExitCodeFile) && int.TryParse(File.ReadAllText(ExitCodeFile).Trim(), CultureInfo.InvariantCulture, out var code) ? code : null;

    /// <summary>The screen as text, one line per row; with <paramref name="history"/> the rows scrolled off above it too, wrapped lines joined.</summary>
    public string Capture(bool history = false) =>
        history ? Tmux("capture-pane", "-p", "-J", "-S", "-", "-t", name) : Tmux("capture-pane", "-p", "-t", name);

    /// <summary>Reads the screen every <paramref name="interval"/> until the command ends; each different screen seen is kept.</summary>
    public async Task<TerminalCapture> WaitForExitAsync(TimeSpan timeout, TimeSpan interval)
    {
        var screens = new List<string>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // The exit code first: a screen read after it is the final one, so none is missed.
            var exitCode = ExitCode;
            var screen = Capture();
            if (screens.Count == 0 || screens[^1] != screen)
            {
                screens.Add(screen);
            }

            if (exitCode is { } code)
            {
                return new TerminalCapture(code, screens, Capture(history: true), clock.Elapsed);
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The command in tmux did not end within {timeout}. Its screen:\n{screen}");
            }

            await Task.Delay(interval);
        }
    }

    public void Dispose()
    {
        if (ExitCode is null && panePid is { } pid)
        {
            // Still running (a timeout or a failed assertion): end the command itself, not only the pane around it.
            KillTree(pid);
        }

        TryTmux("kill-session", "-t", name);
        TryTmux("kill-server");
        directory.Delete(recursive: true);
    }

    private static void KillTree(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }

    private void TryTmux(params string[] args)
    {
        try
        {
            Tmux(args);
        }
        catch (InvalidOperationException)
        {
            // Killing the last session stops the server, so kill-server has nothing left to stop.
        }
    }

    private string Tmux(params string[] args)
    {
        // -f /dev/null: a user's ~/.tmux.conf (status line, window size, hooks) must not change what the test sees.
        var start = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-S", Socket, "-f", "/dev/null", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        // Inside a user's tmux these name that server; the pane must not inherit them either.
        start.Environment.Remove("TMUX");
        start.Environment.Remove("TMUX_PANE");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "tmux is not installed: the terminal tests run the CLI in a tmux pane to read its live view. Install it (apt-get install tmux; .ci/run does).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TmuxTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"tmux {string.Join(' ', args)} did not end within {TmuxTimeout}.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tmux {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result.Trim()}");
            }

            return stdout.Result;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
