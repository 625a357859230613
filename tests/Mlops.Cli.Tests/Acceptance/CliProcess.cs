using System.Diagnostics;
using System.Text;
using Mlops.Testing;

namespace Mlops.Cli.Tests.Acceptance;

/// <summary>The built tool (src/Mlops.Cli's dll) run with dotnet as its own process, output redirected, as a script runs it.</summary>
public static class CliProcess
{
    public static string Assembly
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return RepositoryPaths.Combine("src", "Mlops.Cli", "bin", configuration, "net10.0", "Mlops.Cli.dll");
        }
    }

    /// <summary>Runs <c>mlops</c> with <paramref name="args"/> against <paramref name="url"/>; killed if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(Uri url, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MLOPS_URL"] = url.ToString();
        start.Environment.Remove("MLOPS_KEY");
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"mlops {string.Join(' ', args)} did not end within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
