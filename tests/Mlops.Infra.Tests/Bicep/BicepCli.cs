using System.Diagnostics;
using Mlops.Testing;

namespace Mlops.Infra.Tests.Bicep;

/// <summary>What a Bicep CLI command printed and how it ended.</summary>
public sealed record BicepResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything printed: bicep reports diagnostics (warnings, errors) on standard error.</summary>
    public string Output => (StandardOutput + StandardError).Trim();

    public override string ToString() => $"{Command} exited {ExitCode}:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the Bicep CLI the way CI does: scripts/bicep.sh restores it from NuGet (Azure.Bicep.CommandLine.linux-x64)
/// when it is missing and prints its path; nothing here reaches Azure.
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? executable;

    public static string Script => RepositoryPaths.Combine("scripts", "bicep.sh");

    public static async Task<string> ExecutableAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (executable is null)
            {
                var located = await RunProcessAsync("bash", [Script, "--path"]);
                Assert.True(located.ExitCode == 0, located.ToString());
                executable = located.StandardOutput.Trim().Split('\n')[^1].Trim();
            }

            return executable;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<BicepResult> RunAsync(params string[] arguments) =>
        await RunProcessAsync(await ExecutableAsync(), arguments);

    private static async Task<BicepResult> RunProcessAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update checks: the CLI stays offline.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["BICEP_TRACING_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var timeout = new CancellationTokenSource(Timeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {Timeout}.");
        }

        return new BicepResult(
            $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)}",
            process.ExitCode,
            await standardOutput,
            await standardError);
    }
}
